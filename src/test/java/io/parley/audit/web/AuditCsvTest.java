package io.parley.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audit.AuditEntry;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void quotesEveryFieldAndDefusesFormulas() {
        AuditEntry entry = new AuditEntry(
                "e1",
                OrganizationId.generate(),
                Instant.parse("2026-12-01T10:00:00Z"),
                null,
                "=HYPERLINK(\"http://evil\")",
                "PUT /api/v1/admin/organization/profile",
                "",
                "{\"rules\":[\"say \\\"hi\\\"\"]}",
                200);

        String csv = AuditCsv.of(List.of(entry));

        assertThat(csv.lines().toList())
                .containsExactly(
                        "at,actor,action,target,details",
                        "\"2026-12-01T10:00:00Z\",\"'=HYPERLINK(\"\"http://evil\"\")\",\"PUT /api/v1/admin/organization/profile\",\"\",\"{\"\"rules\"\":[\"\"say \\\"\"hi\\\"\"\"\"]}\"");
    }
}
