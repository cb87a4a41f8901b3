package dev.latchkey.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.latchkey.idp.IdpParts;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An identity provider's attribute mappings as the console edits them: one row a mapping (source, target, type,
 * static value as JSON, allow weak decoding; the mapping's {@code mode} is kept as it was), plus an empty row to add
 * one; a row marked "remove", or a new row left empty, is dropped. The rows become the IDP's {@code mappings},
 * which {@code IdpAdmin.updateStatic} validates as the Admin API's PUT does; its refusals name
 * {@code mappings[i].field}, the i-th of the submitted rows (dropped rows are not shown again).
 */
public final class IdpMappingsForm {

    /** More rows than any IDP needs: a form claiming more is cut here. */
    static final int MAX_ROWS = 200;
    private static final String NEW_ROW_TYPE = "string";

    /** One row of the form. */
    public record Row(String source, String target, String type, String staticJson, String mode, boolean weak) {

        /** The empty row that adds a mapping. */
        public static Row blank() {
            return new Row("", "", NEW_ROW_TYPE, "", "", false);
        }
    }

    private IdpMappingsForm() {
    }

    /** The rows of stored mappings. */
    public static List<Row> rows(List<IdpParts.Mapping> mappings) {
        List<Row> rows = new ArrayList<>();
        for (IdpParts.Mapping m : mappings == null ? List.<IdpParts.Mapping>of() : mappings) {
            rows.add(new Row(nullToEmpty(m.source()), nullToEmpty(m.target()), nullToEmpty(m.type()),
                    m.staticValue() == null ? "" : Json.write(m.staticValue()), nullToEmpty(m.mode()),
                    Boolean.TRUE.equals(m.allowWeakDecoding())));
        }
        return rows;
    }

    /** The submitted rows: fields {@code source-i}, {@code target-i}, ... for i below {@code rows}. */
    public static List<Row> rows(FormData form) {
        int count;
        try {
            count = Math.min(MAX_ROWS, Math.max(0, Integer.parseInt(form.get("rows"))));
        } catch (NumberFormatException e) {
            count = 0;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Row row = new Row(form.get("source-" + i), form.get("target-" + i), form.get("type-" + i),
                    form.get("static-" + i), form.get("mode-" + i), form.checked("weak-" + i));
            boolean empty = row.source().isEmpty() && row.target().isEmpty() && row.staticJson().isEmpty();
            if (!form.checked("remove-" + i) && !empty) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The mappings of {@code rows}; a static value that is not JSON is a 400 naming its row's field. */
    public static List<IdpParts.Mapping> mappings(List<Row> rows) {
        List<IdpParts.Mapping> mappings = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Object value = null;
            if (!row.staticJson().isEmpty()) {
                try {
                    value = Json.MAPPER.readValue(row.staticJson(), Object.class);
                } catch (JsonProcessingException e) {
                    throw new ApiException(400, "bad_request", "a static value must be JSON, e.g. \"text\", 12 or "
                            + "true", Map.of("field", "mappings[" + i + "].static"));
                }
            }
            mappings.add(new IdpParts.Mapping(row.source(), row.target(), row.type(),
                    row.mode().isEmpty() ? null : row.mode(), value, row.weak()));
        }
        return mappings;
    }

    /** The names a refusal may give the fields of {@code rows} ({@code mappings[i].target}, ...). */
    public static List<String> fields(List<Row> rows) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (String name : List.of("target", "type", "static", "source")) {
                fields.add("mappings[" + i + "]." + name);
            }
        }
        return fields;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
