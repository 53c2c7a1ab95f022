package io.parley.console;

/** Something the member's organization does not have (or that does not exist at all: the page does not say which). */
final class NotFoundException extends RuntimeException {

    NotFoundException(String whatIsMissing) {
        super(whatIsMissing, null, false, false);
    }
}
