/* golden_file.h - reads ../shared/golden/<model>.{input,output}.txt: one
 * line per tensor, "input|output <index> <TYPE> [<shape>] <hex bytes>". */
#ifndef TFLM_GOLDEN_FILE_H
#define TFLM_GOLDEN_FILE_H

#include <stddef.h>
#include <stdint.h>

#define GOLDEN_MAX_TENSORS 8

typedef struct golden_tensor {
    int index;
    char type[16];
    uint8_t *bytes; /* heap, freed by golden_free */
    size_t size;
} golden_tensor;

typedef struct golden_file {
    golden_tensor tensors[GOLDEN_MAX_TENSORS];
    int count;
} golden_file;

/* Returns 0 on success; prints the reason and returns -1 otherwise. */
int golden_read(const char *path, golden_file *file);
void golden_free(golden_file *file);

/* Reads a whole file into a heap buffer aligned to 16; NULL if unreadable. */
uint8_t *read_file_aligned(const char *path, size_t *size);

#endif
