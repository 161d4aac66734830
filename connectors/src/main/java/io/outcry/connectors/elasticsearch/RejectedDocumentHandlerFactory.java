package io.outcry.connectors.elasticsearch;

import java.io.Serializable;

/** Creates one {@link RejectedDocumentHandler} per sink writer, on the task manager. */
@FunctionalInterface
public interface RejectedDocumentHandlerFactory extends Serializable {

    RejectedDocumentHandler create();
}
