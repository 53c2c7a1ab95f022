package io.parley.knowledge.text;

import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Feeds Tika's XHTML output into a {@link BlockCollector}. Tika already marks Word heading styles as h1..h6 and PDF
 * paragraphs as p, so structure survives; this handler only leaves out what is not the document's own text (the head
 * with its metadata, page headers and footers, embedded objects' placeholders) and tells the collector where PDF
 * pages begin.
 */
final class XhtmlBlockHandler extends DefaultHandler {

    /** Tika's div classes for text that is not the body: running headers/footers, comments, embedded objects. */
    private static final Set<String> SKIPPED_DIV_CLASSES =
            Set.of("header", "footer", "comment", "embedded", "package-entry", "annotation");

    private final BlockCollector collector;
    private int skipDepth;

    XhtmlBlockHandler(BlockCollector collector) {
        this.collector = collector;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = localName.isEmpty() ? qName : localName;
        if (skipDepth > 0
                || name.equals("head")
                || name.equals("script")
                || name.equals("style")
                || skipped(name, attributes)) {
            skipDepth++;
            return;
        }
        if (name.equals("div") && "page".equals(attributes.getValue("class"))) {
            collector.newPage();
        }
        collector.start(name);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        collector.end(localName.isEmpty() ? qName : localName);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (skipDepth == 0) {
            collector.text(java.nio.CharBuffer.wrap(ch, start, length));
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        characters(ch, start, length);
    }

    private static boolean skipped(String name, Attributes attributes) {
        String cssClass = attributes.getValue("class");
        return name.equals("div") && cssClass != null && SKIPPED_DIV_CLASSES.contains(cssClass);
    }
}
