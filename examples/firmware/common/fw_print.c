#include "fw_print.h"

#include "board.h"
#include "div_u64_small.h"

void fw_print(const char *text)
{
    board_debug_log(text);
}

void fw_print_uint(uint64_t value)
{
    char digits[21];
    char *p = digits + sizeof digits - 1;
    *p = '\0';
    do {
        uint32_t digit;
        value = div_u64_small(value, 10u, &digit);
        *--p = (char)('0' + digit);
    } while (value != 0);
    board_debug_log(p);
}

void fw_print_int(int64_t value)
{
    if (value < 0) {
        board_debug_log("-");
        fw_print_uint(0u - (uint64_t)value);
    } else {
        fw_print_uint((uint64_t)value);
    }
}

void fw_print_hex(const void *bytes, size_t count)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *in = bytes;
    char chunk[129];
    size_t used = 0;
    for (size_t i = 0; i < count; ++i) {
        chunk[used++] = hex[in[i] >> 4];
        chunk[used++] = hex[in[i] & 0xf];
        if (used == sizeof chunk - 1) {
            chunk[used] = '\0';
            board_debug_log(chunk);
            used = 0;
        }
    }
    chunk[used] = '\0';
    board_debug_log(chunk);
}

void fw_print_milli(float value)
{
    int negative = value < 0.0f;
    float magnitude = negative ? -value : value;
    uint64_t milli = (uint64_t)(magnitude * 1000.0f + 0.5f);
    char text[4] = {(char)('0' + milli / 100u % 10u), (char)('0' + milli / 10u % 10u),
                    (char)('0' + milli % 10u), '\0'};
    if (negative && milli != 0) {
        board_debug_log("-");
    }
    fw_print_uint(milli / 1000u);
    board_debug_log(".");
    board_debug_log(text);
}
