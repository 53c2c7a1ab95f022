package io.parley.widget;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A business's own website with nothing of Parley on it but the script tag, on an origin other than Parley's: a small
 * HTTP server on 127.0.0.1 (a loopback address like the server under test, so that Chromium's private-network rules
 * do not get in the way), while widget.js and the chat come from the server under test at localhost.
 */
final class ShopSite implements AutoCloseable {

    private final HttpServer server;
    private final int parleyPort;
    private final String siteKey;

    private ShopSite(int parleyPort, String siteKey) {
        this.parleyPort = parleyPort;
        this.siteKey = siteKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::page);
        server.start();
    }

    /** A shop page embedding the chat of the organization with this site key, served by Parley on this port. */
    static ShopSite embedding(int parleyPort, String siteKey) {
        return new ShopSite(parleyPort, siteKey);
    }

    String origin() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort();
    }

    String url() {
        return origin() + "/";
    }

    private void page(HttpExchange exchange) throws IOException {
        byte[] html =
                """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Bright Bikes</title><link rel="icon" href="data:,"></head>
                <body><header><a href="#">Bright Bikes</a></header>
                <main><h1>City bikes and repairs</h1><p>Repairs in two to three working days.</p></main>
                <script src="http://localhost:%d/widget.js" data-site-key="%s" data-title="Bright Bikes" async></script>
                </body></html>
                """
                        .formatted(parleyPort, siteKey)
                        .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        try (var body = exchange.getResponseBody()) {
            body.write(html);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
