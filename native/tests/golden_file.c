#include "golden_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int parse_line(char *line, golden_tensor *tensor)
{
    char kind[8];
    int consumed = 0;
    if (sscanf(line, "%7s %d %15s %n", kind, &tensor->index, tensor->type, &consumed) != 3) {
        return -1;
    }
    char *p = line + consumed;
    char *shape_end = strchr(p, ']'); /* skip "[1,2,3]" */
    if (*p != '[' || !shape_end) {
        return -1;
    }
    p = shape_end + 1;
    while (*p == ' ') p++;
    size_t digits = strcspn(p, " \r\n");
    if (digits % 2) {
        return -1;
    }
    tensor->size = digits / 2;
    tensor->bytes = malloc(tensor->size ? tensor->size : 1);
    for (size_t i = 0; i < tensor->size; i++) {
        int hi = hex_value(p[2 * i]), lo = hex_value(p[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        tensor->bytes[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

int golden_read(const char *path, golden_file *file)
{
    memset(file, 0, sizeof *file);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    static char line[1 << 20];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n' || line[0] == '\0') continue;
        if (file->count == GOLDEN_MAX_TENSORS || parse_line(line, &file->tensors[file->count])) {
            fprintf(stderr, "%s: bad line %d\n", path, file->count + 1);
            fclose(f);
            return -1;
        }
        file->count++;
    }
    fclose(f);
    return 0;
}

void golden_free(golden_file *file)
{
    for (int i = 0; i < file->count; i++) {
        free(file->tensors[i].bytes);
    }
    file->count = 0;
}

uint8_t *read_file_aligned(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long length = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = aligned_alloc(16, ((size_t)length + 15) & ~(size_t)15);
    if (data && fread(data, 1, (size_t)length, f) != (size_t)length) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = (size_t)length;
    return data;
}
