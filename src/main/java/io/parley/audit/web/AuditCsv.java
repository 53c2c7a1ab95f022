package io.parley.audit.web;

import io.parley.audit.AuditEntry;
import java.util.List;

/**
 * The audit log as CSV (RFC 4180): every field quoted; a field that a spreadsheet would run as a formula is prefixed
 * with an apostrophe, so that a member's text cannot become one.
 */
final class AuditCsv {

    private AuditCsv() {}

    static String of(List<AuditEntry> entries) {
        StringBuilder csv = new StringBuilder("at,actor,action,target,details\r\n");
        for (AuditEntry e : entries) {
            csv.append(field(e.at().toString()))
                    .append(',')
                    .append(field(e.actor()))
                    .append(',')
                    .append(field(e.action()))
                    .append(',')
                    .append(field(e.target()))
                    .append(',')
                    .append(field(e.details()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
