import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the C files the runtime derives from TensorFlow Lite's flatbuffer schema, so that no
 * builtin code, options table or field number is kept by hand:
 * <ul>
 *   <li>{@code native/include/tflm/builtin_codes.h}: {@code tflm_builtin}, every BuiltinOperator;
 *   <li>{@code native/include/tflm/builtin_options.h}: the BuiltinOptions union tags, the number of
 *       every field of every options table, the enums those fields hold, and a typed accessor per
 *       field that gives the schema's default;
 *   <li>{@code native/src/core/builtin_names.c}: the builtin names for messages.
 * </ul>
 * Usage: {@code java SchemaHeaders.java SCHEMA.fbs REPOSITORY_ROOT}. Run through
 * {@code tools/schema/generate.sh}, which also checks the committed files against a fresh run.
 *
 * <p>It reads the subset of the flatbuffers schema language the schema uses: namespace, include,
 * attribute, file_identifier, file_extension, root_type; enums (values implicit or explicit,
 * attributes); unions (members in tag order, attributes); tables and structs whose fields have a
 * scalar, enum, union, table or vector type, a default and attributes ({@code deprecated},
 * {@code id: N}). Anything else stops it with the line it could not read. Written for the Java 17
 * source launcher, so any JDK 17+ runs it.
 */
public final class SchemaHeaders {

    private SchemaHeaders() {
    }

    // ---- The schema ------------------------------------------------------------------------

    record EnumValue(String name, long value, boolean deprecated) {
    }

    record EnumDef(String name, String underlying, List<EnumValue> values) {
        EnumValue valueNamed(String valueName) {
            return values.stream().filter(v -> v.name.equals(valueName)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("enum " + name + " has no value " + valueName));
        }
    }

    record UnionMember(String table, int tag, boolean deprecated) {
    }

    record UnionDef(String name, List<UnionMember> members) {
    }

    /** A table field; {@code number} is its field number (its vtable slot), {@code type} the element type of a vector. */
    record Field(String name, String type, boolean vector, String defaultValue, boolean deprecated, int number) {
    }

    record TableDef(String name, boolean deprecated, List<Field> fields) {
    }

    static final class Schema {
        final Map<String, EnumDef> enums = new LinkedHashMap<>();
        final Map<String, UnionDef> unions = new LinkedHashMap<>();
        final Map<String, TableDef> tables = new LinkedHashMap<>();

        EnumDef enumNamed(String name) {
            EnumDef e = enums.get(name);
            if (e == null) {
                throw new IllegalArgumentException("schema has no enum " + name);
            }
            return e;
        }

        UnionDef unionNamed(String name) {
            UnionDef u = unions.get(name);
            if (u == null) {
                throw new IllegalArgumentException("schema has no union " + name);
            }
            return u;
        }

        TableDef tableNamed(String name) {
            TableDef t = tables.get(name);
            if (t == null) {
                throw new IllegalArgumentException("schema has no table " + name);
            }
            return t;
        }
    }

    // ---- Reading the schema ------------------------------------------------------------------

    record Token(String text, int line) {
    }

    static final class Parser {
        private final List<Token> tokens = new ArrayList<>();
        private int at;
        private final Schema schema = new Schema();

        Parser(String source) {
            tokenize(source);
        }

        private void tokenize(String s) {
            int line = 1;
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("line " + line + ": unterminated comment");
                    }
                    for (int j = i; j < end; j++) {
                        line += s.charAt(j) == '\n' ? 1 : 0;
                    }
                    i = end + 2;
                } else if (c == '"') {
                    int end = s.indexOf('"', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("line " + line + ": unterminated string");
                    }
                    tokens.add(new Token(s.substring(i, end + 1), line));
                    i = end + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '+' || c == '.') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_.-+".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                    tokens.add(new Token(s.substring(start, i), line));
                } else if ("{}()[]:;,=".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), line));
                    i++;
                } else {
                    throw new IllegalArgumentException("line " + line + ": unexpected character '" + c + "'");
                }
            }
        }

        private IllegalArgumentException error(String what) {
            Token t = at < tokens.size() ? tokens.get(at) : null;
            return new IllegalArgumentException((t == null ? "at the end" : "line " + t.line + " at '" + t.text + "'")
                    + ": " + what);
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at).text : "";
        }

        private String next() {
            if (at >= tokens.size()) {
                throw error("unexpected end of the schema");
            }
            return tokens.get(at++).text;
        }

        private void expect(String text) {
            if (!peek().equals(text)) {
                throw error("expected '" + text + "'");
            }
            at++;
        }

        private boolean accept(String text) {
            if (peek().equals(text)) {
                at++;
                return true;
            }
            return false;
        }

        private String identifier() {
            String t = next();
            if (!t.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                at--;
                throw error("expected a name");
            }
            return t;
        }

        /** {@code (name, name: value, ...)} if present: the attributes by name (value "" when none). */
        private Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            if (!accept("(")) {
                return attributes;
            }
            do {
                String name = identifier();
                attributes.put(name, accept(":") ? next() : "");
            } while (accept(","));
            expect(")");
            return attributes;
        }

        Schema parse() {
            while (at < tokens.size()) {
                String keyword = next();
                switch (keyword) {
                    case "namespace", "root_type" -> {
                        identifier();
                        expect(";");
                    }
                    case "include", "attribute", "file_identifier", "file_extension" -> {
                        next();
                        expect(";");
                    }
                    case "enum" -> parseEnum();
                    case "union" -> parseUnion();
                    case "table", "struct" -> parseTable();
                    default -> {
                        at--;
                        throw error("not in the subset of the schema language this reads");
                    }
                }
            }
            return schema;
        }

        private void parseEnum() {
            String name = identifier();
            expect(":");
            String underlying = identifier();
            attributes();
            expect("{");
            List<EnumValue> values = new ArrayList<>();
            long value = 0;
            while (!accept("}")) {
                String valueName = identifier();
                if (accept("=")) {
                    value = Long.decode(next());
                }
                boolean deprecated = attributes().containsKey("deprecated");
                values.add(new EnumValue(valueName, value, deprecated));
                value++;
                if (!accept(",") && !peek().equals("}")) {
                    throw error("expected ',' or '}'");
                }
            }
            schema.enums.put(name, new EnumDef(name, underlying, values));
        }

        private void parseUnion() {
            String name = identifier();
            attributes();
            expect("{");
            List<UnionMember> members = new ArrayList<>();
            int tag = 1; // 0 is NONE
            while (!accept("}")) {
                String table = identifier();
                if (accept("=")) {
                    tag = Math.toIntExact(Long.decode(next()));
                }
                boolean deprecated = attributes().containsKey("deprecated");
                members.add(new UnionMember(table, tag++, deprecated));
                if (!accept(",") && !peek().equals("}")) {
                    throw error("expected ',' or '}'");
                }
            }
            schema.unions.put(name, new UnionDef(name, members));
        }

        private record RawField(String name, String type, boolean vector, String defaultValue,
                                Map<String, String> attributes) {
        }

        private void parseTable() {
            String name = identifier();
            boolean deprecated = attributes().containsKey("deprecated");
            expect("{");
            List<RawField> raw = new ArrayList<>();
            while (!accept("}")) {
                String fieldName = identifier();
                expect(":");
                boolean vector = accept("[");
                String type = identifier();
                if (vector) {
                    expect("]");
                }
                String defaultValue = accept("=") ? next() : null;
                raw.add(new RawField(fieldName, type, vector, defaultValue, attributes()));
                expect(";");
            }
            schema.tables.put(name, new TableDef(name, deprecated, numbered(name, raw)));
        }

        /**
         * Field numbers: declaration order, a union field taking two (its _type, then its value),
         * unless the fields carry {@code id} attributes, which then all must (the union's id
         * being that of its value).
         */
        private List<Field> numbered(String table, List<RawField> raw) {
            long withId = raw.stream().filter(f -> f.attributes.containsKey("id")).count();
            if (withId != 0 && withId != raw.size()) {
                throw new IllegalArgumentException("table " + table + ": either every field has an id or none");
            }
            List<Field> fields = new ArrayList<>();
            int number = 0;
            for (RawField f : raw) {
                boolean union = !f.vector && schema.unions.containsKey(f.type);
                if (withId != 0) {
                    number = Integer.parseInt(f.attributes.get("id")) - (union ? 1 : 0);
                }
                if (union) {
                    fields.add(new Field(f.name + "_type", "ubyte", false, null, f.attributes.containsKey("deprecated"), number++));
                }
                fields.add(new Field(f.name, f.type, f.vector, f.defaultValue, f.attributes.containsKey("deprecated"), number++));
            }
            return fields;
        }
    }

    // ---- Names -------------------------------------------------------------------------------

    /**
     * {@code Conv2DOptions} becomes {@code conv_2d_options}: a word starts at an upper-case letter
     * after a lower-case one or a digit (but the D of 2D), at the last capital of a run of capitals
     * followed by a lower-case letter ({@code LSTMKernel}: lstm_kernel), and at a digit that
     * follows a lower-case letter and precedes {@code D} or {@code d} (2D, 3d: a dimension suffix).
     */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            char prev = i > 0 ? camel.charAt(i - 1) : 0;
            char next = i + 1 < camel.length() ? camel.charAt(i + 1) : 0;
            boolean wordStart = i > 0 && prev != '_' && c != '_'
                    && ((Character.isUpperCase(c) && (Character.isLowerCase(prev) || (Character.isDigit(prev) && c != 'D')))
                    || (Character.isUpperCase(c) && Character.isUpperCase(prev) && Character.isLowerCase(next))
                    || (Character.isDigit(c) && Character.isLowerCase(prev) && (next == 'D' || next == 'd')));
            if (wordStart) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** The prefix of an enum's constants: ActivationFunctionType gives ACTIVATION, Padding PADDING. */
    static String enumPrefix(String enumName) {
        return upper(snake(enumName)).replaceFirst("_FUNCTION_TYPE$|_TYPE$", "");
    }

    static String enumConstant(EnumDef e, EnumValue v) {
        if (e.name.equals("TensorType")) {
            return "TFLM_TYPE_" + upper(v.name); // tflm_type of tflm.h
        }
        String prefix = enumPrefix(e.name);
        String value = upper(v.name);
        return "TFLM_" + (value.startsWith(prefix + "_") ? value : prefix + "_" + value);
    }

    /** BuiltinOptions gives TFLM_OPTIONS_, BuiltinOptions2 TFLM_OPTIONS2_. */
    static String tagPrefix(UnionDef union) {
        return "TFLM_" + upper(snake(union.name.replaceFirst("^Builtin", ""))) + "_";
    }

    static String tagConstant(UnionDef union, String table) {
        return tagPrefix(union) + upper(snake(table.replaceFirst("Options$", "")));
    }

    // ---- C output ----------------------------------------------------------------------------

    private static final int LINE = 100;

    /** {@code head(arg, arg, ...)tail} on one line, or broken after commas, aligned after the '('. */
    static String call(String indent, String head, List<String> args, String tail) {
        String oneLine = indent + head + "(" + String.join(", ", args) + ")" + tail;
        if (oneLine.length() <= LINE) {
            return oneLine + "\n";
        }
        String align = " ".repeat(indent.length() + head.length() + 1);
        StringBuilder out = new StringBuilder(indent + head + "(");
        int column = out.length();
        for (int i = 0; i < args.size(); i++) {
            String piece = args.get(i) + (i + 1 < args.size() ? "," : ")" + tail);
            if (i > 0) {
                if (column + 1 + piece.length() > LINE) {
                    out.append('\n').append(align);
                    column = align.length();
                } else {
                    out.append(' ');
                    column++;
                }
            }
            out.append(piece);
            column += piece.length();
        }
        return out.append('\n').toString();
    }

    static String banner(String file, String what, String schemaName) {
        return "/*\n * " + file + " - " + what + "\n *\n * Generated by tools/schema/generate.sh from TensorFlow Lite's " + schemaName
                + ":\n * do not edit; run the script when the schema changes.\n */\n";
    }

    private static final Set<String> INT8 = Set.of("byte", "int8");
    private static final Set<String> INT32 = Set.of("int", "int32");
    private static final Set<String> UINT32 = Set.of("uint", "uint32");
    private static final Set<String> FLOAT = Set.of("float", "float32");

    /** How a field is read through tflm_option_*: the C type returned, the reader, and whether a cast is needed. */
    record Reader(String cType, String function, boolean cast) {
    }

    static Reader readerOf(Schema schema, Field f) {
        if (f.vector) {
            return INT32.contains(f.type) ? new Reader("const tflm_int_array *", "tflm_option_int_vector", false) : null;
        }
        String scalar = schema.enums.containsKey(f.type) ? schema.enums.get(f.type).underlying : f.type;
        if (scalar.equals("bool")) {
            return new Reader("bool", "tflm_option_bool", false);
        }
        if (INT8.contains(scalar)) {
            return new Reader("int8_t", "tflm_option_int8", false);
        }
        if (INT32.contains(scalar)) {
            return new Reader("int32_t", "tflm_option_int32", false);
        }
        if (UINT32.contains(scalar)) {
            return new Reader("uint32_t", "tflm_option_int32", true);
        }
        if (FLOAT.contains(scalar)) {
            return new Reader("float", "tflm_option_float", false);
        }
        return null;
    }

    /** The field's default as a C expression: an enum's constant, a float literal, true/false, a number. */
    static String defaultOf(Schema schema, Field f) {
        String d = f.defaultValue;
        if (schema.enums.containsKey(f.type)) {
            EnumDef e = schema.enums.get(f.type);
            long value = d == null ? 0 : d.matches("-?\\d+") ? Long.parseLong(d) : e.valueNamed(d).value;
            return e.values.stream().filter(v -> v.value == value).findFirst()
                    .map(v -> enumConstant(e, v)).orElse(Long.toString(value));
        }
        if (f.type.equals("bool")) {
            return d == null ? "false" : d;
        }
        if (FLOAT.contains(f.type)) {
            String literal = d == null ? "0" : d;
            return (literal.matches("-?\\d+") ? literal + ".0" : literal) + "f";
        }
        return d == null ? "0" : d;
    }

    static String typeComment(Field f) {
        return f.vector ? "[" + f.type + "]" : f.type;
    }

    static String builtinCodes(Schema schema, String schemaName) {
        EnumDef ops = schema.enumNamed("BuiltinOperator");
        StringBuilder out = new StringBuilder(banner("builtin_codes.h",
                "tflm_builtin, the BuiltinOperator codes of TensorFlow\n * Lite's schema: every op a"
                        + " model may name (tflm_kernel.builtin_code).",
                schemaName));
        out.append("#ifndef TFLM_BUILTIN_CODES_H\n#define TFLM_BUILTIN_CODES_H\n\n")
                .append("typedef enum tflm_builtin {\n");
        long max = 0;
        for (EnumValue v : ops.values) {
            out.append("    TFLM_BUILTIN_").append(v.name).append(" = ").append(v.value).append(',')
                    .append(v.deprecated ? " /* deprecated */" : "").append('\n');
            max = Math.max(max, v.value);
        }
        out.append("} tflm_builtin;\n\n")
                .append("/* The largest code of the schema: larger ones are malformed. */\n")
                .append("#define TFLM_BUILTIN_CODE_MAX ").append(max).append("\n\n")
                .append("#endif /* TFLM_BUILTIN_CODES_H */\n");
        return out.toString();
    }

    static String builtinNames(Schema schema, String schemaName) {
        EnumDef ops = schema.enumNamed("BuiltinOperator");
        for (int i = 0; i < ops.values.size(); i++) {
            if (ops.values.get(i).value != i) {
                throw new IllegalArgumentException("BuiltinOperator is not numbered 0, 1, 2, ... at "
                        + ops.values.get(i).name + ": builtin_names.c indexes its names by code");
            }
        }
        StringBuilder out = new StringBuilder(banner("builtin_names.c",
                "see builtin_names.h. One string of NUL-separated names\n * in code order, no pointer table.",
                schemaName));
        out.append("#include \"core/builtin_names.h\"\n\n#ifdef TFLM_BUILTIN_NAMES\n\nstatic const char names[] =");
        String indent = "\n    ";
        int column = LINE;
        for (EnumValue v : ops.values) {
            String piece = "\"" + v.name + "\\0\"";
            if (column + 1 + piece.length() > LINE - 1) {
                out.append(indent).append(piece);
                column = indent.length() - 1 + piece.length();
            } else {
                out.append(' ').append(piece);
                column += 1 + piece.length();
            }
        }
        out.append(";\n\nenum { NAME_COUNT = ").append(ops.values.size()).append(" };\n\n")
                .append("const char *tflm_builtin_name(int32_t code)\n{\n")
                .append("    if (code < 0 || code >= NAME_COUNT) {\n        return 0;\n    }\n")
                .append("    const char *name = names;\n")
                .append("    for (int32_t i = 0; i < code; i++) {\n")
                .append("        while (*name++ != '\\0') {\n        }\n    }\n")
                .append("    return name;\n}\n\n#endif /* TFLM_BUILTIN_NAMES */\n");
        return out.toString();
    }

    /** The union of Operator.builtin_options: the one options table kernels see (tflm_node.options). */
    private static final String KERNEL_OPTIONS_UNION = "BuiltinOptions";

    static String builtinOptions(Schema schema, String schemaName, List<String> optionUnions) {
        StringBuilder out = new StringBuilder(banner("builtin_options.h",
                "the builtin options of TensorFlow Lite's schema\n * by name, for kernels:\n *\n"
                        + " *   TFLM_OPTIONS_<TABLE>        a BuiltinOptions union tag (tflm_node.options_type)\n"
                        + " *   TFLM_<TABLE>_OPTIONS_<FIELD>  the number of a field in its table\n"
                        + " *   tflm_<table>_options_<field>(ctx, node)\n"
                        + " *                               the field of the node's options, or the\n"
                        + " *                               schema's default when the node has no such\n"
                        + " *                               table or field (tflm_option_* of kernel.h)\n"
                        + " *   TFLM_<ENUM>_<VALUE>         the enums those fields hold (ActivationFunctionType\n"
                        + " *                               gives TFLM_ACTIVATION_*; TensorType is tflm_type)\n *\n"
                        + " * Deprecated fields keep their number and get no name. Fields of types\n"
                        + " * tflm_option_* cannot read (long, string, vectors of other than int) get a\n"
                        + " * number only, and so do the tables of BuiltinOptions2, which kernels do\n"
                        + " * not see.",
                schemaName));
        out.append("#ifndef TFLM_BUILTIN_OPTIONS_H\n#define TFLM_BUILTIN_OPTIONS_H\n\n")
                .append("#include <stdbool.h>\n#include <stdint.h>\n\n#include \"tflm/kernel.h\"\n\n");
        Set<String> emitted = new HashSet<>();
        List<UnionDef> unions = optionUnions.stream().map(schema::unionNamed).toList();

        // Enums that options fields hold, in schema order.
        Set<String> used = new HashSet<>();
        for (UnionDef union : unions) {
            for (UnionMember m : union.members) {
                for (Field f : schema.tableNamed(m.table).fields) {
                    used.add(f.type);
                }
            }
        }
        out.append("/* ---- Enums of options fields ------------------------------------------ */\n");
        for (EnumDef e : schema.enums.values()) {
            if (!used.contains(e.name) || e.name.equals("TensorType")) {
                continue;
            }
            out.append("\n/* ").append(e.name).append(" */\nenum tflm_").append(snake(e.name)).append(" {\n");
            for (EnumValue v : e.values) {
                out.append("    ").append(unique(emitted, enumConstant(e, v))).append(" = ").append(v.value).append(",\n");
            }
            out.append("};\n");
        }

        for (UnionDef union : unions) {
            out.append("\n/* ---- ").append(union.name).append(" union tags ")
                    .append("-".repeat(Math.max(4, 60 - union.name.length()))).append(" */\n\n")
                    .append("enum tflm_").append(snake(union.name)).append(" {\n")
                    .append("    ").append(unique(emitted, tagPrefix(union) + "NONE")).append(" = 0,\n");
            int max = 0;
            for (UnionMember m : union.members) {
                out.append("    ").append(unique(emitted, tagConstant(union, m.table))).append(" = ").append(m.tag).append(',')
                        .append(m.deprecated ? " /* deprecated */" : "").append('\n');
                max = Math.max(max, m.tag);
            }
            out.append("    ").append(unique(emitted, "TFLM_" + upper(snake(union.name)) + "_MAX")).append(" = ").append(max)
                    .append(" /* the largest tag: larger ones are malformed */\n};\n");
        }

        for (UnionDef union : unions) {
            boolean withAccessors = union.name.equals(KERNEL_OPTIONS_UNION);
            out.append("\n/* ---- ").append(union.name).append(" tables ")
                    .append("-".repeat(Math.max(4, 64 - union.name.length()))).append(" */\n");
            for (UnionMember m : union.members) {
                TableDef table = schema.tableNamed(m.table);
                List<Field> named = table.fields.stream().filter(f -> !f.deprecated).toList();
                if (table.deprecated || named.isEmpty()) {
                    continue;
                }
                String tag = tagConstant(union, table.name);
                String tableSnake = snake(table.name);
                out.append("\n/* ").append(table.name).append(": ").append(tag).append(" */\nenum {\n");
                for (Field f : named) {
                    out.append("    ").append(unique(emitted, "TFLM_" + upper(tableSnake) + "_" + upper(f.name)))
                            .append(" = ").append(f.number).append(", /* ").append(typeComment(f)).append(" */\n");
                }
                out.append("};\n");
                if (!withAccessors) {
                    continue;
                }
                for (Field f : named) {
                    Reader reader = readerOf(schema, f);
                    if (reader == null) {
                        continue;
                    }
                    String accessor = unique(emitted, "tflm_" + tableSnake + "_" + f.name);
                    String field = "TFLM_" + upper(tableSnake) + "_" + upper(f.name);
                    String pointer = reader.cType.endsWith("*") ? "" : " ";
                    out.append('\n').append(call("", "static inline " + reader.cType + pointer + accessor,
                            List.of("const tflm_context *ctx", "const tflm_node *node"), ""));
                    List<String> args = new ArrayList<>(List.of("ctx", "node", tag, field));
                    if (!f.vector) {
                        args.add(reader.cast ? "(int32_t)" + defaultOf(schema, f) : defaultOf(schema, f));
                    }
                    out.append("{\n").append(call("    ", "return " + (reader.cast ? "(" + reader.cType + ")" : "")
                            + reader.function, args, ";")).append("}\n");
                }
            }
        }
        out.append("\n#endif /* TFLM_BUILTIN_OPTIONS_H */\n");
        return out.toString();
    }

    /** Stops on a name emitted twice: the naming rules would have made two constants one. */
    static String unique(Set<String> emitted, String name) {
        if (!emitted.add(name)) {
            throw new IllegalArgumentException("two declarations would be named " + name);
        }
        return name;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java SchemaHeaders.java SCHEMA.fbs REPOSITORY_ROOT");
            System.exit(2);
        }
        Path schemaFile = Path.of(args[0]);
        Path root = Path.of(args[1]);
        Schema schema = new Parser(Files.readString(schemaFile, StandardCharsets.UTF_8)).parse();
        String name = schemaFile.getFileName().toString();
        write(root.resolve("native/include/tflm/builtin_codes.h"), builtinCodes(schema, name));
        write(root.resolve("native/include/tflm/builtin_options.h"),
                builtinOptions(schema, name, List.of("BuiltinOptions", "BuiltinOptions2")));
        write(root.resolve("native/src/core/builtin_names.c"), builtinNames(schema, name));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
