package dev.latchkey.console;

import dev.latchkey.support.ApiException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of a console form, by field name, to be shown next to the field. A refusal of a management
 * service ({@link ApiException}) lands on the field its details name ({@code field} or {@code parameter}), else
 * on the first of the form's fields its message mentions, else on the form as a whole ({@link #FORM}).
 */
public final class FieldErrors {

    public static final String FORM = "form";
    private static final FieldErrors NONE = new FieldErrors(Map.of());

    private final Map<String, String> errors;

    private FieldErrors(Map<String, String> errors) {
        this.errors = errors;
    }

    public static FieldErrors none() {
        return NONE;
    }

    public static FieldErrors of(String field, String message) {
        return new FieldErrors(Map.of(field, message));
    }

    /** Where a service's refusal belongs among {@code fields} (the form's field names, most specific first). */
    public static FieldErrors from(ApiException e, List<String> fields) {
        Map<String, String> map = new LinkedHashMap<>();
        String message = e.getMessage() == null ? "The change was refused" : e.getMessage();
        Object named = e.details().getOrDefault("field", e.details().get("parameter"));
        String field = named instanceof String s && fields.contains(s) ? s : null;
        if (field == null) {
            field = fields.stream().filter(message::contains).findFirst().orElse(FORM);
        }
        map.put(field, message.replaceFirst("^The request body is invalid: ", ""));
        return new FieldErrors(map);
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** The field of the first error (the summary above a form links to it), or null. */
    public String firstField() {
        return errors.keySet().stream().findFirst().orElse(null);
    }

    /** The message for {@code field}, or null. */
    public String get(String field) {
        return errors.get(field);
    }
}
