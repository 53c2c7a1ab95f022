package io.parley.web;

import java.util.Arrays;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Makes each problem's {@code type} URI resolvable: {@code /problems/{slug}} describes that kind of error. */
@RestController
class ProblemTypesPage {

    @GetMapping(value = ProblemType.BASE + "{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> describe(@PathVariable String slug) {
        ProblemType type = Arrays.stream(ProblemType.values())
                .filter(t -> t.slug().equals(slug))
                .findFirst()
                .orElseThrow(() -> ProblemType.NOT_FOUND.exception("There is no such problem type."));
        return Map.of("type", type.uri().toString(), "title", type.title(), "status", type.status());
    }
}
