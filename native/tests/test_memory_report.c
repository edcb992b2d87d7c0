/* tflm_memory_report on every shared model: the figures add up to what the
 * allocator and the planner did (persistent bytes by purpose = persistent
 * bytes, no two live buffers overlap, the plan holds every buffer), the
 * report's interpreter is create's (same arena bytes), and the live-tensor
 * bound equals the figures of ../shared/anchors.md (tools/arena_bound.py
 * there: the largest sum of live activation bytes over the steps). */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "kernels/fully_connected.h"
#include "shared_models.h"
#include "subgraph_kernels.h"
#include "test.h"
#include "tflm/ops.h"

enum { OPERATORS = 512, BUFFERS = 2048, ARENA = 8u << 20 };

static tflm_memory_operator operators[OPERATORS];
static tflm_memory_buffer buffers[BUFFERS];

/* anchors.md, "lower bound (live tensors)". */
static const struct {
    const char *name;
    uint64_t bound;
} anchors[] = {
    {"hello_world_int8", 32},   {"micro_speech_quantized", 5960}, {"keyword_scrambled", 2112},
    {"person_detect", 55296},   {"ad01_int8", 768},               {"pretrainedResnet_quant", 49152},
    {"kws_ref_model", 16000},   {"vww_96_int8", 55296},
};

static void check_plan(const tflm_memory_summary *s)
{
    for (uint32_t i = 0; i < s->buffer_count; i++) {
        const tflm_memory_buffer *a = &buffers[i];
        CHECK(a->offset % TFLM_ARENA_ALIGNMENT == 0);
        CHECK((uint64_t)a->offset + a->bytes <= s->planned);
        CHECK(a->first_step <= a->last_step && (uint32_t)a->last_step < s->step_count);
        for (uint32_t j = i + 1; j < s->buffer_count; j++) {
            const tflm_memory_buffer *b = &buffers[j];
            bool shared = a->alias_of >= 0 || b->alias_of >= 0;
            bool together = a->first_step <= b->last_step && b->first_step <= a->last_step;
            bool overlap = a->offset < b->offset + b->bytes && b->offset < a->offset + a->bytes;
            if (!shared && together && overlap && a->bytes > 0 && b->bytes > 0) {
                printf("  buffers %u and %u overlap\n", i, j);
                CHECK(false);
            }
        }
    }
}

static void report_model(const char *name, const uint8_t *model, size_t size,
                         const tflm_op_resolver *ops, uint8_t *arena)
{
    tflm_memory_summary s;
    tflm_error error;
    tflm_status status = tflm_memory_report(model, size, ops, arena, ARENA, NULL, &s, operators,
                                            OPERATORS, buffers, BUFFERS, &error);
    CHECK_EQ_INT(TFLM_OK, status);
    if (status != TFLM_OK) {
        printf("  %s: %s\n", name, error.message);
        return;
    }
    tflm_interpreter *interp;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, ops, arena, ARENA, NULL));
    CHECK(s.arena_used == tflm_interpreter_arena_used(interp));
    uint64_t sum = 0;
    for (int p = 0; p < TFLM_MEMORY_PURPOSE_COUNT; p++) {
        sum += s.persistent_by_purpose[p];
    }
    CHECK(sum == s.persistent);
    CHECK(s.persistent_by_purpose[TFLM_MEMORY_INTERPRETER] > 0);
    CHECK(s.buffer_count <= BUFFERS && s.operator_count <= OPERATORS);
    CHECK(s.arena_used == s.padding + s.persistent + (s.planned > s.temp_peak ? s.planned : s.temp_peak));
    CHECK(s.variable_bytes > 0 || s.live_bound <= s.planned);
    check_plan(&s);
    for (size_t i = 0; i < sizeof anchors / sizeof anchors[0]; i++) {
        if (strcmp(anchors[i].name, name) == 0 && s.live_bound != anchors[i].bound) {
            printf("  %s: live bound %llu, anchors.md %llu\n", name,
                   (unsigned long long)s.live_bound, (unsigned long long)anchors[i].bound);
            CHECK(false);
        }
    }
    printf("%-24s arena %7llu = persistent %6llu + plan %6llu (bound %6llu, %.2fx)\n", name,
           (unsigned long long)s.arena_used, (unsigned long long)s.persistent,
           (unsigned long long)s.planned, (unsigned long long)s.live_bound,
           s.live_bound ? (double)s.planned / (double)s.live_bound : 0.0);
}

/* ad01_int8's ten FULLY_CONNECTED layers are per-tensor quantized: one
 * multiplier/shift pair each, kept in the op data, not one per unit. */
static void per_tensor_keeps_one_pair(const tflm_op_resolver *ops, uint8_t *arena)
{
    size_t size;
    uint8_t *model = load_shared_model("ad01_int8", &size);
    tflm_memory_summary s;
    const tflm_interpreter_options reference = {TFLM_KERNELS_REFERENCE, TFLM_ISA_BEST};
    CHECK_EQ_INT(TFLM_OK, tflm_memory_report(model, size, ops, arena, ARENA, &reference, &s,
                                             operators, OPERATORS, buffers, BUFFERS, NULL));
    CHECK(s.operator_count == 10);
    for (uint32_t i = 0; i < s.operator_count; i++) {
        CHECK_EQ_INT(0, (int)operators[i].persistent[TFLM_MEMORY_QUANTIZATION]);
        CHECK_EQ_INT((int)tflm_arena_round(sizeof(tflm_fully_connected_data)),
                     (int)operators[i].persistent[TFLM_MEMORY_OP_DATA]);
    }
    CHECK(s.persistent_by_purpose[TFLM_MEMORY_QUANTIZATION] == 0);
    free(model);
}

static void rejects_null(const tflm_op_resolver *ops, uint8_t *arena)
{
    tflm_error error;
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_memory_report(arena, 16, ops, arena, ARENA, NULL, NULL, NULL, 0, NULL, 0,
                                    &error));
    CHECK(strstr(error.message, "must not be NULL") != NULL);
}

int main(void)
{
    require_shared_models();
    static const tflm_kernel *storage[TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    CHECK_EQ_INT(TFLM_OK, test_add_subgraph_kernels(&ops));
    uint8_t *arena = aligned_alloc(16, ARENA);
    /* subgraph calls (a call table, steps beyond the operators) and
       constants copied for alignment */
    static const char *const test_models[] = {"subgraph_calls", "constants_aligned",
                                              "constants_misaligned"};
    for (size_t m = 0; m < sizeof test_models / sizeof test_models[0]; m++) {
        size_t size;
        uint8_t *model = load_test_model(test_models[m], &size);
        report_model(test_models[m], model, size, &ops, arena);
        free(model);
    }
    for (size_t i = 0; i < SHARED_MODEL_COUNT; i++) {
        size_t size;
        uint8_t *model = load_shared_model(shared_model_names[i], &size);
        report_model(shared_model_names[i], model, size, &ops, arena);
        free(model);
    }
    per_tensor_keeps_one_pair(&ops, arena);
    rejects_null(&ops, arena);
    free(arena);
    TEST_MAIN_END();
}
