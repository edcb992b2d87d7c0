/* Hostile models with every op: each converter-made model of
 * ../shared/opzoo (one op or a few each, every op TensorFlow's converter
 * writes, float32, int8 and 16x8) run by the real kernels
 * (tflm_op_resolver_add_all), mutated where a kernel's prepare reads: each
 * tensor's dimensions, type, zero point and scale, each operator's tensor
 * indices, and random words (options among them). create must fail
 * cleanly, or give an interpreter whose invoke succeeds or refuses a
 * non-constant input's values with KERNEL. The mutations are fixed, not
 * random, except the words (fixed seed). Run it under TFLM_SANITIZE (the
 * host-sanitize preset) to catch any out-of-bounds access. */
#include <dirent.h>
#include <math.h>

#include "core/flatbuffer.h"
#include "core/model.h"
#include "model_files.h"
#include "nn_test_util.h" /* rng_u32, a fixed seed */
#include "shared_models.h" /* TEST_SKIP_CODE */
#include "hostile.h"
#include "test.h"
#include "tflm/builtin_codes.h"
#include "tflm/ops.h"

enum { ARENA_SIZE = 1 << 20, WORD_MUTATIONS = 200, MAX_MODELS = 512 };
static uint8_t arena[ARENA_SIZE] __attribute__((aligned(16)));
static tflm_op_resolver ops;
static const tflm_kernel *ops_storage[TFLM_OP_COUNT];

/* WHILE runs until its condition says stop: a mutated condition may never,
 * so models with WHILE are created but not invoked (as in the fuzzer). */
static bool has_while(const uint8_t *model)
{
    uint32_t codes = fb_field_vector(model, model_root(model), MODEL_OPERATOR_CODES);
    for (uint32_t c = 0; c < fb_vector_length(model, codes); c++) {
        if (model_opcode_builtin(model, fb_vector_table(model, codes, c)) == TFLM_BUILTIN_WHILE) {
            return true;
        }
    }
    return false;
}

static hostile_counts counts;

static void try_model(const uint8_t *bytes, size_t size, bool invoke)
{
    hostile_try(bytes, size, &ops, arena, ARENA_SIZE, invoke, &counts);
}

/* The model with one 32-bit little-endian word at pos replaced. */
static void try_word(const uint8_t *model, uint8_t *work, size_t size, uint32_t pos, uint32_t word, bool invoke)
{
    memcpy(work, model, size);
    memcpy(work + pos, &word, 4);
    try_model(work, size, invoke);
}

static void try_byte(const uint8_t *model, uint8_t *work, size_t size, uint32_t pos, uint8_t byte, bool invoke)
{
    memcpy(work, model, size);
    work[pos] = byte;
    try_model(work, size, invoke);
}

static uint32_t float_word(float value)
{
    uint32_t word;
    memcpy(&word, &value, 4);
    return word;
}

/* Dimensions, type, zero point and scale of one tensor. */
static void mutate_tensor(const uint8_t *model, uint8_t *work, size_t size, uint32_t tensor, bool invoke)
{
    uint32_t shape = fb_field_vector(model, tensor, TENSOR_SHAPE);
    for (uint32_t d = 0; d < fb_vector_length(model, shape); d++) {
        uint32_t pos = shape + 4 + 4 * d;
        int32_t dim = fb_i32(model, pos);
        const int32_t dims[] = {0, 1, dim + 1, dim > 1 ? dim - 1 : 3, 2 * dim + 3, 1 << 20};
        for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++) {
            try_word(model, work, size, pos, (uint32_t)dims[i], invoke);
        }
    }
    uint32_t type = fb_field(model, tensor, TENSOR_TYPE);
    if (type != 0) {
        static const uint8_t types[] = {0, 1, 2, 3, 4, 6, 7, 9, 10, 16, 17};
        for (size_t i = 0; i < sizeof types; i++) {
            try_byte(model, work, size, type, types[i], invoke);
        }
    }
    uint32_t quantization = fb_field_table(model, tensor, TENSOR_QUANTIZATION);
    if (quantization == 0) {
        return;
    }
    uint32_t zero_points = fb_field_vector(model, quantization, QUANTIZATION_ZERO_POINT);
    if (fb_vector_length(model, zero_points) > 0) {
        static const int32_t values[] = {0, 1, -1, 127, -128, 32767, -32768};
        for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
            /* int64: the low word, then the high word of the sign */
            memcpy(work, model, size);
            int64_t value = values[i];
            memcpy(work + zero_points + 4, &value, 8);
            try_model(work, size, invoke);
        }
    }
    uint32_t scales = fb_field_vector(model, quantization, QUANTIZATION_SCALE);
    if (fb_vector_length(model, scales) > 0) {
        const float values[] = {0.0f, -1.0f, 1e-30f, 1e30f, NAN, INFINITY, 1.0f, 1.0f / 32768};
        for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
            try_word(model, work, size, scales + 4, float_word(values[i]), invoke);
        }
    }
}

/* Each tensor index of an operator pointed at every other tensor and at -1
 * (an absent optional input). */
static void mutate_operator(const uint8_t *model, uint8_t *work, size_t size, uint32_t op, uint32_t tensor_count,
                            bool invoke)
{
    const int fields[] = {OPERATOR_INPUTS, OPERATOR_OUTPUTS};
    for (size_t f = 0; f < 2; f++) {
        uint32_t indices = fb_field_vector(model, op, fields[f]);
        for (uint32_t i = 0; i < fb_vector_length(model, indices); i++) {
            uint32_t pos = indices + 4 + 4 * i;
            try_word(model, work, size, pos, (uint32_t)-1, invoke);
            for (uint32_t t = 0; t < tensor_count; t++) {
                if (t != fb_u32(model, pos)) {
                    try_word(model, work, size, pos, t, invoke);
                }
            }
        }
    }
}

static void mutate_model(const char *name, uint8_t *model, size_t size)
{
    counts = (hostile_counts){0, 0};
    const bool invoke = !has_while(model);
    uint8_t *work = alloc_exact(size);
    try_model(model, size, invoke);
    uint32_t subgraphs = fb_field_vector(model, model_root(model), MODEL_SUBGRAPHS);
    for (uint32_t s = 0; s < fb_vector_length(model, subgraphs); s++) {
        uint32_t sg = model_subgraph(model, s);
        uint32_t tensors = fb_field_vector(model, sg, SUBGRAPH_TENSORS);
        uint32_t operators = fb_field_vector(model, sg, SUBGRAPH_OPERATORS);
        for (uint32_t t = 0; t < fb_vector_length(model, tensors); t++) {
            mutate_tensor(model, work, size, fb_vector_table(model, tensors, t), invoke);
        }
        for (uint32_t o = 0; o < fb_vector_length(model, operators); o++) {
            mutate_operator(model, work, size, fb_vector_table(model, operators, o),
                            fb_vector_length(model, tensors), invoke);
        }
    }
    for (int i = 0; i < WORD_MUTATIONS; i++) {
        uint32_t at = (rng_u32() % (uint32_t)(size / 4)) * 4;
        uint32_t word;
        memcpy(&word, model + at, 4);
        switch (rng_u32() % 3) {
        case 0: word = rng_u32(); break;
        case 1: word = rng_u32() % 64; break;         /* small counts, indices, enums */
        default: word += (rng_u32() % 64) - 32; break; /* near the original */
        }
        try_word(model, work, size, at, word, invoke);
    }
    free(work);
    printf("%-32s %6d rejected, %5d accepted%s\n", name, counts.rejected, counts.accepted, invoke ? "" : " (not invoked)");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

int main(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/opzoo", TFLM_SHARED_DIR);
    DIR *listing = opendir(dir);
    if (listing == NULL) {
        printf("skipped: %s not found (configure with -DTFLM_SHARED_DIR=...)\n", dir);
        return TEST_SKIP_CODE;
    }
    tflm_op_resolver_init(&ops, ops_storage, TFLM_OP_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    static char names[MAX_MODELS][256];
    size_t count = 0;
    for (struct dirent *entry; (entry = readdir(listing)) != NULL && count < MAX_MODELS;) {
        size_t length = strlen(entry->d_name);
        if (length > 7 && length < sizeof names[0] && strcmp(entry->d_name + length - 7, ".tflite") == 0) {
            memcpy(names[count++], entry->d_name, length + 1);
        }
    }
    closedir(listing);
    qsort(names, count, sizeof names[0], by_name); /* the same order, so the same words, on every machine */
    CHECK(count > 0);
    for (size_t m = 0; m < count; m++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%.255s", dir, names[m]);
        size_t size;
        uint8_t *model = read_model_file(path, &size);
        mutate_model(names[m], model, size);
        free(model);
    }
    printf("%zu converter-made models mutated\n", count);
    TEST_MAIN_END();
}
