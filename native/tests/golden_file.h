/* golden_file.h - reads ../shared/golden/<model>.{input,output}.txt: one
 * line per tensor, "input|output <index> <TYPE> [<shape>] <hex bytes>". */
#ifndef TFLM_GOLDEN_FILE_H
#define TFLM_GOLDEN_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "tflm/tflm.h"

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

/* ---- What the golden tests share (TFLM_SHARED_DIR: the shared directory) ---- */

/* The shared models that have golden files. */
extern const char *const golden_models[];
extern const size_t golden_model_count;

/* Whether TFLM_SHARED_DIR/golden exists; prints why the test is skipped when not. */
int golden_data_present(void);

/* A shared model with its golden inputs and outputs. */
typedef struct golden_case {
    uint8_t *model; /* heap, aligned to 16 */
    size_t model_size;
    golden_file inputs, outputs;
} golden_case;

/* Reads models/<name>.tflite and golden/<name>.{input,output}.txt. Returns 0
 * on success; prints the reason and returns -1 otherwise (nothing to free). */
int golden_case_read(const char *name, golden_case *c);
void golden_case_free(golden_case *c);

/* Copies the golden inputs into the interpreter's inputs; 0 on success,
 * -1 (reason printed) when an input is missing or of another size. */
int golden_set_inputs(tflm_interpreter *interp, const char *name, const golden_case *c);

/* Whether an output equals its golden tensor: integers byte for byte, float32
 * within 1e-4 x max(1, |expected|) (summation orders differ). Prints the
 * first difference when not. */
int golden_output_matches(const char *name, const tflm_tensor_info *out,
                          const golden_tensor *expected);

#endif
