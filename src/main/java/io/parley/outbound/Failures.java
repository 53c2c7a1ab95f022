package io.parley.outbound;

import io.parley.outbound.OutboundException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/** Turns what went wrong on the wire into one {@link OutboundException} a business owner can read. */
final class Failures {

    private Failures() {}

    /**
     * @param timedOut whether our own deadline cancelled the request, whatever exception that caused
     * @param redirected whether the URL came from a site's redirect rather than from the caller
     */
    static OutboundException of(
            IOException failure,
            URI url,
            boolean timedOut,
            boolean redirected,
            Duration connectTimeout,
            Duration timeout) {
        String host = url.getHost();
        if (failure instanceof VettingDnsResolver.BlockedAddressException blocked) {
            String what = blocked.literal() ? "is" : "resolves to";
            return new OutboundException(
                    Kind.BLOCKED_ADDRESS,
                    redirected
                            ? "the site redirected to " + host + ", which " + what
                                    + " a private network address; that is not allowed"
                            : "the address " + host + " " + what + " a private network address, which is not allowed");
        }
        if (timedOut) {
            return OutboundException.timeout(timeout, failure);
        }
        if (failure instanceof ConnectTimeoutException) {
            return OutboundException.timeout(connectTimeout, failure);
        }
        if (failure instanceof SocketTimeoutException) {
            return OutboundException.timeout(timeout, failure);
        }
        String message =
                switch (failure) {
                    case UnknownHostException unknown -> "the name " + host + " could not be found";
                    case ConnectException refused -> host + " refused the connection";
                    case SSLException tls -> "a secure (https) connection to " + host + " could not be made";
                    case NoHttpResponseException silent -> host + " closed the connection without answering";
                    case ClientProtocolException garbled -> host + " did not answer with valid HTTP";
                    default -> host + " could not be reached";
                };
        return new OutboundException(Kind.UNREACHABLE, message, failure);
    }
}
