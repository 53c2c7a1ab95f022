package io.parley.knowledge.text;

/** The formats the knowledge base reads; each has its own way from bytes to blocks. */
enum FileKind {
    PLAIN_TEXT("text file"),
    MARKDOWN("Markdown file"),
    HTML("web page"),
    PDF("PDF"),
    DOCX("Word document");

    private final String inWords;

    FileKind(String inWords) {
        this.inWords = inWords;
    }

    /** How the console names it to a business owner ("the PDF is damaged"). */
    String inWords() {
        return inWords;
    }
}
