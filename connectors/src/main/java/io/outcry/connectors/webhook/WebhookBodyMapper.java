package io.outcry.connectors.webhook;

import java.io.Serializable;

/** Turns one element of the stream into the JSON body POSTed for it, e.g. a Slack message. */
@FunctionalInterface
public interface WebhookBodyMapper<T> extends Serializable {

    byte[] toJson(T element);
}
