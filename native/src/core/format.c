/* format.c - see format.h. */
#include "core/format.h"

#include <stdint.h>

#include "tflm/tflm.h"

typedef struct text {
    char *out;
    size_t capacity;
    size_t length;
} text;

static void put_char(text *t, char c)
{
    if (t->length + 1 < t->capacity) {
        t->out[t->length++] = c;
    }
}

/* A string argument, whose control characters print as '?': names come
 * from the model, and a message stays one line whatever the model holds. */
static void put_chars(text *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i] != '\0'; i++) {
        const unsigned char c = (unsigned char)s[i];
        put_char(t, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
}

/* Unsigned decimal in size_t, the widest conversion: 32 bits on a
 * Cortex-M, so no 64-bit division (libgcc's __udivmoddi4) is linked in.
 * Recursion (at most 20 levels) puts the digits in order. */
static void put_unsigned(text *t, size_t value)
{
    if (value >= 10) {
        put_unsigned(t, value / 10);
    }
    put_char(t, (char)('0' + value % 10));
}

size_t tflm_vformat(char *out, size_t capacity, size_t at, const char *format, va_list args)
{
    text t = {out, capacity, at};
    for (const char *p = format; *p != '\0'; p++) {
        if (*p != '%') {
            put_char(&t, *p);
            continue;
        }
        size_t limit = SIZE_MAX;
        switch (*++p) {
        case '.': /* only "%.*s" */
            if (p[1] != '*' || p[2] != 's') {
                break;
            }
            int n = va_arg(args, int);
            limit = n > 0 ? (size_t)n : 0;
            p += 2;
            /* fall through */
        case 's': {
            const char *s = va_arg(args, const char *);
            put_chars(&t, s ? s : "(null)", limit);
            break;
        }
        case 'd': {
            int value = va_arg(args, int);
            if (value < 0) {
                put_char(&t, '-');
            }
            put_unsigned(&t, value < 0 ? 0u - (unsigned)value : (unsigned)value); /* INT_MIN safe */
            break;
        }
        case 'u':
            put_unsigned(&t, va_arg(args, unsigned));
            break;
        case 'z':
            put_unsigned(&t, va_arg(args, size_t));
            if (p[1] == 'u') {
                p++;
            }
            break;
        case '%':
            put_char(&t, '%');
            break;
        case '\0': /* a lone '%' at the end */
            p--;
            break;
        default: /* unknown conversion: shown as written */
            put_char(&t, '%');
            put_char(&t, *p);
            break;
        }
    }
    if (t.capacity > 0) {
        t.out[t.length < t.capacity ? t.length : t.capacity - 1] = '\0';
    }
    return t.length;
}

size_t tflm_format(char *out, size_t capacity, size_t at, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    size_t length = tflm_vformat(out, capacity, at, format, args);
    va_end(args);
    return length;
}

size_t tflm_message_start(char *message, uint32_t subgraph, const char *format, ...)
{
    size_t n = subgraph > 0 ? tflm_format(message, TFLM_ERROR_MESSAGE_CAPACITY, 0, "subgraph %u ",
                                          subgraph)
                            : 0;
    va_list args;
    va_start(args, format);
    n = tflm_vformat(message, TFLM_ERROR_MESSAGE_CAPACITY, n, format, args);
    va_end(args);
    return n;
}
