package io.parley.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    @Test
    void reducesAUrlToTheOriginABrowserSends() {
        assertThat(AllowedOrigins.canonical("https://Shop.Example.com/products?id=1"))
                .contains("https://shop.example.com");
        assertThat(AllowedOrigins.canonical("http://localhost:3000/")).contains("http://localhost:3000");
        assertThat(AllowedOrigins.canonical("https://shop.example.com:443")).contains("https://shop.example.com");
        assertThat(AllowedOrigins.canonical("http://shop.example.com:80")).contains("http://shop.example.com");
    }

    @Test
    void refusesWhatIsNotAnHttpOrigin() {
        assertThat(AllowedOrigins.canonical("javascript:alert(1)")).isEmpty();
        assertThat(AllowedOrigins.canonical("ftp://shop.example.com")).isEmpty();
        assertThat(AllowedOrigins.canonical("shop.example.com")).isEmpty();
        assertThat(AllowedOrigins.canonical("https://user:pw@shop.example.com")).isEmpty();
        assertThat(AllowedOrigins.canonical("")).isEmpty();
        assertThat(AllowedOrigins.canonical(null)).isEmpty();
    }
}
