package io.parley.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Smaller per-connection buffers, so that thousands of mostly idle chats fit in a small heap. Tomcat gives every
 * connection 8 KB socket read and write buffers and every WebSocket 8 KB send and encode buffers; chat frames are a
 * few hundred bytes, and larger ones still pass (read in parts, sent in fragments). Measured: about 70 KB of heap per
 * open chat before, see docs/benchmarks.md for after.
 */
@Component
class ConnectionBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final int BYTES = 4096;
    static final int KERNEL_SEND_BYTES = 65536;
    private static final String WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // Read once when Tomcat's WebSocket classes load, which happens when the server starts, after this runs.
        if (System.getProperty(WEBSOCKET_BUFFER) == null) {
            System.setProperty(WEBSOCKET_BUFFER, String.valueOf(BYTES));
        }
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(BYTES));
            // The kernel's send buffer (SO_SNDBUF): left to autotuning it grew to 3.4 MB for each client that stopped
            // reading, so the server went on making and storing replies nobody read before a chat's own limit
            // (parley.chat.socket.send-buffer-bytes) noticed. 64 KB (the kernel doubles it) still fills any link.
            connector.setProperty("socket.txBufSize", String.valueOf(KERNEL_SEND_BYTES));
        });
    }
}
