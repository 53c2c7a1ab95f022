package io.parley.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * Reads a response body up to a maximum size, refusing a larger one as soon as it says so ({@code Content-Length}) or
 * shows it while streaming, so that memory never holds more than the maximum. A compressed body is counted unpacked.
 * The stream is left open: the caller drops the connection rather than let closing read the rest.
 */
final class BoundedBody {

    private static final int BUFFER = 8192;

    private BoundedBody() {}

    static byte[] read(@Nullable HttpEntity entity, long maxBytes) throws IOException, OutboundException {
        if (entity == null) {
            return new byte[0];
        }
        long declared = entity.getContentLength();
        if (declared > maxBytes) {
            throw OutboundException.tooLarge(maxBytes);
        }
        InputStream in = entity.getContent();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(declared, BUFFER)));
        byte[] buffer = new byte[BUFFER];
        for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
            if (out.size() + (long) read > maxBytes) {
                throw OutboundException.tooLarge(maxBytes);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
