package io.outcry.connectors.mail;

import java.io.Serializable;
import javax.net.ssl.SSLSocketFactory;

/** Who trusts the SMTP server's certificate after STARTTLS: the JVM's trust store, unless a test brings its own. */
@FunctionalInterface
public interface TlsSockets extends Serializable {

    TlsSockets JVM_DEFAULT = () -> (SSLSocketFactory) SSLSocketFactory.getDefault();

    SSLSocketFactory factory();
}
