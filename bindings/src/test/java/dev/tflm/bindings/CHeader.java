package dev.tflm.bindings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a C declaration parser for the public headers, whose style it relies
 * on: prototypes {@code type name(args);}, {@code extern} variables, {@code typedef enum}
 * with explicit values, {@code typedef struct name { fields } name;} with fields
 * {@code type name;} or {@code type name[N];}, and numeric {@code #define}s.
 */
final class CHeader {

    record Param(String type, String name) {
    }

    record Function(String name, String returnType, List<Param> params) {
    }

    /** A struct field: its C type (pointer types keep their '*'), name and array length (1 if none). */
    record Field(String type, String name, int count) {
    }

    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*#\\s*define\\s+(\\w+)\\s+(-?\\d+)\\s*$");
    private static final Pattern ENUM = Pattern.compile("typedef\\s+enum\\s+(\\w+)\\s*\\{([^}]*)}\\s*\\w+\\s*;");
    private static final Pattern STRUCT = Pattern.compile("typedef\\s+struct\\s+(\\w+)\\s*\\{([^}]*)}\\s*\\w+\\s*;");
    private static final Pattern PROTOTYPE = Pattern.compile("(?s)([\\w\\s*]+?)\\s*\\b(\\w+)\\s*\\(([^()]*)\\)");
    private static final Pattern FIELD = Pattern.compile("(?s)(.+?)\\b(\\w+)\\s*(?:\\[\\s*(\\w+)\\s*])?");

    final Map<String, Long> constants = new LinkedHashMap<>();
    final Set<String> enumTypes = new LinkedHashSet<>();
    final Map<String, List<Field>> structs = new LinkedHashMap<>();
    final List<Function> functions = new ArrayList<>();
    final List<String> externVariables = new ArrayList<>();

    static CHeader parse(List<Path> headers) throws IOException {
        CHeader header = new CHeader();
        for (Path path : headers) {
            header.add(Files.readString(path));
        }
        return header;
    }

    private void add(String source) {
        String text = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        Matcher define = DEFINE.matcher(text);
        while (define.find()) {
            constants.put(define.group(1), Long.parseLong(define.group(2)));
        }
        // The extern "C" guard is for C++ compilers only; then drop every directive.
        text = text.replaceAll("(?s)#\\s*ifdef\\s+__cplusplus.*?#\\s*endif", " ")
                .replaceAll("(?m)^\\s*#.*$", " ");

        Matcher enumMatch = ENUM.matcher(text);
        while (enumMatch.find()) {
            enumTypes.add(enumMatch.group(1));
            for (String item : enumMatch.group(2).split(",")) {
                String[] nameValue = item.split("=");
                if (nameValue.length == 2) {
                    constants.put(nameValue[0].trim(), Long.parseLong(nameValue[1].trim()));
                }
            }
        }
        Matcher struct = STRUCT.matcher(text);
        while (struct.find()) {
            structs.put(struct.group(1), fields(struct.group(2)));
        }
        String declarations = ENUM.matcher(STRUCT.matcher(text).replaceAll(" ")).replaceAll(" ");
        for (String statement : declarations.split(";")) {
            String s = statement.strip();
            if (s.isEmpty() || s.startsWith("typedef") || s.startsWith("struct ")) {
                continue;
            }
            if (s.startsWith("extern ")) {
                String[] words = s.split("\\s+");
                externVariables.add(words[words.length - 1]);
                continue;
            }
            Matcher prototype = PROTOTYPE.matcher(s);
            if (prototype.matches()) {
                functions.add(new Function(prototype.group(2), normalize(prototype.group(1)),
                        params(prototype.group(3))));
            }
        }
    }

    private List<Field> fields(String body) {
        List<Field> fields = new ArrayList<>();
        for (String declaration : body.split(";")) {
            String d = declaration.strip();
            if (d.isEmpty()) {
                continue;
            }
            Matcher field = FIELD.matcher(d);
            if (!field.matches()) {
                throw new IllegalArgumentException("cannot parse struct field: " + d);
            }
            String length = field.group(3);
            int count = length == null ? 1
                    : length.matches("\\d+") ? Integer.parseInt(length) : Math.toIntExact(constants.get(length));
            fields.add(new Field(normalize(field.group(1)), field.group(2), count));
        }
        return fields;
    }

    private static List<Param> params(String list) {
        List<Param> params = new ArrayList<>();
        String trimmed = list.strip();
        if (trimmed.isEmpty() || trimmed.equals("void")) {
            return params;
        }
        for (String param : trimmed.split(",")) {
            Matcher named = Pattern.compile("(?s)(.*?[\\s*])(\\w+)").matcher(param.strip());
            if (!named.matches()) {
                throw new IllegalArgumentException("parameter without a name: " + param);
            }
            params.add(new Param(normalize(named.group(1)), named.group(2)));
        }
        return params;
    }

    /** {@code const struct tflm_kernel *} becomes {@code tflm_kernel*}: qualifiers don't change the ABI. */
    static String normalize(String type) {
        return type.replaceAll("\\b(const|struct|extern|static)\\b", " ")
                .replaceAll("\\s*\\*\\s*", "*")
                .strip()
                .replaceAll("\\s+", " ");
    }
}
