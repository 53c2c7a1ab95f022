package io.parley.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void masksEachKindAndKeepsEverythingElseCharForChar() {
        String text = "Hi! Card 4111-1111-1111-1111, IBAN DE89 3704 0044 0532 0130 00, mail ANNA.K+shop@Example.co.uk,"
                + " call +1 (415) 555-0132 — order #W5918442 ($1,299.99) on 2024-03-15 to 10115 Berlin.";

        assertThat(redactor.mask(text))
                .isEqualTo("Hi! Card [card], IBAN [iban], mail [email], call [phone] — order #W5918442 ($1,299.99) on"
                        + " 2024-03-15 to 10115 Berlin.");
    }

    @Test
    void reportsWhereEachFindingIs() {
        assertThat(redactor.find("mail a@b.io or 555-123-4567"))
                .containsExactly(new Finding(PiiKind.EMAIL, 5, 11), new Finding(PiiKind.PHONE, 15, 27));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Where is #W2378156?",
                "order 9523456873",
                "item 9523456873 is broken",
                "9523456873",
                "Tracking 9400 1000 0000 0000 0000 00",
                "1Z999AA10123456784",
                "It was $1,299.99, now € 1.099,00",
                "Delivered 15.03.2024 or 03/15/2024 or 2024-03-15",
                "ZIP 94043-1351",
                "We need 2500000 units by 2025",
                "sizes 38 39 40 41 42",
                "4111 1111 1111 1112",
                "DE89 3704 0044 0532 0130 01",
                "@parley_support",
                "user@localhost",
                "support at amazon.com",
                "https://shop.example/orders/5551234567",
                "ISBN 978-3-16-148410-0",
                "10:30-11:45"
            })
    void leavesIdsPricesDatesAndInvalidNumbersAlone(String text) {
        assertThat(redactor.find(text)).isEmpty();
        assertThat(redactor.mask(text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+44 20 7946 0958",
                "+4930901820",
                "(555) 123-4567",
                "555.123.4567",
                "1-800-555-0199",
                "020 7946 0958",
                "06-12345678",
                "030/1234567",
                "01 23 45 67 89",
                "0044 20 7946 0958"
            })
    void masksPhoneNumbersInCommonFormats(String phone) {
        assertThat(redactor.mask("reach me at " + phone + ", thanks")).isEqualTo("reach me at [phone], thanks");
    }

    @Test
    void aBareRunOfDigitsIsAPhoneNumberOnlyAfterAPhoneWord() {
        assertThat(redactor.mask("call me on 5551234567")).isEqualTo("call me on [phone]");
        assertThat(redactor.mask("product 5551234567")).isEqualTo("product 5551234567");
    }

    @Test
    void masksEmailsInTheFormsPeopleTypeToHideThem() {
        assertThat(redactor.mask("jo [at] mail [dot] com, jo(at)mail.com, jo at mail dot com, <jo@mail.com>."))
                .isEqualTo("[email], [email], [email], <[email]>.");
    }

    @Test
    void masksCardsInTheirPrintedGroupsAndIbansInEitherCase() {
        assertThat(redactor.mask("3782 822463 10005 / 5555555555554444 / gb82west12345698765432"))
                .isEqualTo("[card] / [card] / [iban]");
    }

    @Test
    void isSafeOnEmptyAndLongInput() {
        assertThat(redactor.mask("")).isEmpty();
        assertThat(redactor.mask(null)).isNull();
        String digits = "1234567 ".repeat(2_000);
        assertThat(redactor.mask(digits)).isEqualTo(digits);
        assertThat(redactor.find("a@b.co ".repeat(500))).hasSize(500);
        assertThat(List.of(redactor.mask("a".repeat(10_000)))).containsExactly("a".repeat(10_000));
    }
}
