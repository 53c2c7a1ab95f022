package io.parley.knowledge.fetch;

import io.parley.outbound.OutboundException;
import io.parley.outbound.OutboundException.Kind;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one sitemap file, plain or gzip-compressed, with the JDK's streaming XML parser set up so that a hostile
 * sitemap cannot make it read files or fetch addresses (XXE): no DTD is processed, no external entity is resolved,
 * and a document that declares a DTD at all is refused, since sitemaps never have one.
 */
final class SitemapParser {

    /** The protocol's own limits: 50,000 entries and 50 MB uncompressed per file. */
    static final int MAX_ENTRIES = 50_000;

    static final long MAX_UNPACKED_BYTES = 50L * 1024 * 1024;

    private static final int ROOT_DEPTH = 1;

    private SitemapParser() {}

    static Sitemap parse(byte[] body) throws OutboundException {
        CappedInputStream in;
        try {
            in = new CappedInputStream(unpacked(body));
        } catch (IOException e) {
            throw unreadable("the sitemap's gzip compression is damaged", e);
        }
        try {
            return read(factory().createXMLStreamReader(in));
        } catch (XMLStreamException e) {
            if (in.exceeded()) {
                throw new OutboundException(Kind.TOO_LARGE, "the sitemap is larger than 50 MB once unpacked");
            }
            if (causedByIo(e)) {
                throw unreadable("the sitemap's gzip compression is damaged", e);
            }
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw unreadable("the sitemap is not valid XML" + (line > 0 ? " (line " + line + ")" : ""), e);
        }
    }

    /**
     * Collects {@code <loc>} of each {@code <url>} (or {@code <sitemap>} in an index) directly under the root; other
     * {@code loc}s, such as an image extension's {@code <image:loc>}, sit deeper and are not pages.
     */
    private static Sitemap read(XMLStreamReader xml) throws XMLStreamException, OutboundException {
        Boolean index = null;
        String entry = null;
        String parent = null;
        List<URI> locations = new ArrayList<>();
        int depth = 0;
        while (xml.hasNext() && locations.size() < MAX_ENTRIES) {
            switch (xml.next()) {
                case XMLStreamConstants.DTD ->
                    throw unreadable("the sitemap declares a DTD (<!DOCTYPE>), which sitemaps never do", null);
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == ROOT_DEPTH) {
                        index = isIndex(name);
                        entry = index ? "sitemap" : "url";
                    } else if (depth == ROOT_DEPTH + 1) {
                        parent = name;
                    } else if (depth == ROOT_DEPTH + 2 && name.equals("loc") && entry.equals(parent)) {
                        webAddress(xml.getElementText()).ifPresent(locations::add);
                        depth--; // getElementText() consumed the end tag
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> {}
            }
        }
        if (index == null) {
            throw unreadable("the sitemap is empty", null);
        }
        return new Sitemap(index, locations);
    }

    private static boolean isIndex(String name) throws OutboundException {
        return switch (name) {
            case "urlset" -> false;
            case "sitemapindex" -> true;
            default ->
                throw unreadable(
                        "this is not a sitemap: it starts with <" + name + "> instead of <urlset> or <sitemapindex>",
                        null);
        };
    }

    private static Optional<URI> webAddress(String text) {
        try {
            URI url = new URI(text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null
                    ? Optional.of(url)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the classpath, so these settings mean what they say.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    private static InputStream unpacked(byte[] body) throws IOException {
        boolean gzip = body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
        InputStream raw = new ByteArrayInputStream(body);
        return gzip ? new GZIPInputStream(raw) : raw;
    }

    private static OutboundException unreadable(String message, Exception cause) {
        return new OutboundException(Kind.BAD_CONTENT, message, cause);
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Stops a small gzip file from unpacking into gigabytes: reading fails once the cap is passed. */
    private static final class CappedInputStream extends FilterInputStream {

        private long count;

        CappedInputStream(InputStream in) {
            super(in);
        }

        boolean exceeded() {
            return count > MAX_UNPACKED_BYTES;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (exceeded()) {
                throw new IOException("more than " + MAX_UNPACKED_BYTES + " bytes unpacked");
            }
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
