/*
 * fuzz_prepare.c - the fast libFuzzer target: verify, create and prepare
 * every input as fuzz_interpreter.c does, but invoke only models whose
 * work bound is small, so most executions cost microseconds rather than
 * a whole model's run. Built by -DTFLM_FUZZ=ON (native/fuzz/README.md).
 *
 * The bound is per operator: its output elements times (1 + its input
 * elements), which is above what any kernel does (a convolution reads at
 * most its whole input and filter per output element; TRANSPOSE_CONV,
 * which scatters each input element through the whole filter, counts its
 * input elements in place of its output's when they are more: a fuzz
 * timeout with a tiny output), summed over the
 * subgraph and, for each subgraph call a kernel requested in prepare, the
 * callee's bound. Models with WHILE are never invoked: their loop count
 * depends on the data, so no bound exists (as in TFLM).
 */
#include "core/interpreter_state.h"
#include "fuzz_common.h"

/* Small: the converter-made single-op models and the hand-built ones fit;
 * a big model fails create quickly with ARENA_TOO_SMALL. */
enum { ARENA_SIZE = 64 * 1024 };

/* Invoke when the bound is at most this (about a millisecond under
 * AddressSanitizer). */
#define WORK_LIMIT ((uint64_t)1 << 18)

static uint64_t saturating_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t saturating_mul(uint64_t a, uint64_t b)
{
    return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

/* A tensor's elements, a zero dimension counted as 1: a kernel's loops over
 * the other dimensions of an empty tensor still run (the verifier bounds
 * their product by 2^31; a fuzz timeout: TRANSPOSE_CONV over an input of
 * zero channels and a huge height). */
static uint64_t elements(const tflm_subgraph *g, int32_t index)
{
    if (index < 0 || (uint32_t)index >= g->tensor_count) {
        return 0; /* an optional input left out */
    }
    const tflm_int_array *dims = g->tensors[index].dims;
    uint64_t count = 1;
    for (int32_t d = 0; d < dims->size; d++) {
        count = saturating_mul(count, dims->data[d] > 1 ? (uint64_t)dims->data[d] : 1);
    }
    return count;
}

static uint64_t sum_elements(const tflm_subgraph *g, const tflm_int_array *list)
{
    uint64_t sum = 0;
    for (int32_t i = 0; list != NULL && i < list->size; i++) {
        sum = saturating_add(sum, elements(g, list->data[i]));
    }
    return sum;
}

/* The bound of one run of subgraph s; UINT64_MAX with a WHILE. Create
 * rejected recursion and deep nesting, so the calls form a shallow DAG. */
static uint64_t work_bound(const tflm_context *ctx, uint32_t s)
{
    const tflm_subgraph *g = &ctx->subgraphs[s];
    uint64_t work = 0;
    for (uint32_t n = 0; n < g->node_count; n++) {
        const tflm_node *node = &g->nodes[n];
        if (node->kernel->builtin_code == TFLM_BUILTIN_WHILE) {
            return UINT64_MAX;
        }
        const uint64_t inputs = sum_elements(g, node->inputs);
        uint64_t writes = sum_elements(g, node->outputs);
        if (node->kernel->builtin_code == TFLM_BUILTIN_TRANSPOSE_CONV && inputs > writes) {
            writes = inputs;
        }
        work = saturating_add(work, saturating_mul(writes, saturating_add(1, inputs)));
    }
    for (uint32_t c = 0; c < ctx->call_count && work < WORK_LIMIT; c++) {
        const tflm_request *call = &ctx->calls[c];
        if (call->subgraph == s && call->callee >= 0) {
            work = saturating_add(work, work_bound(ctx, (uint32_t)call->callee));
        }
    }
    return work;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const tflm_op_resolver *ops = fuzz_resolver();
    uint8_t *model = alloc_exact(size);
    if (size > 0) {
        memcpy(model, data, size);
    }
    uint8_t *arena = alloc_exact(ARENA_SIZE);

    tflm_interpreter *interp = NULL;
    tflm_error error;
    tflm_status status = tflm_interpreter_create_with_options(
        &interp, model, size, ops, arena, ARENA_SIZE, fuzz_options(data, size), &error);
    fuzz_check_create(status, &error, interp);
    if (status == TFLM_OK && work_bound(&interp->context, 0) <= WORK_LIMIT) {
        /* Once, on the fuzz bytes: prepare accepted, so it must succeed
         * unless a kernel rejects the values of a non-constant input. */
        fill_inputs(interp, model, size);
        invoked(interp, tflm_interpreter_invoke(interp));
    }
    free(arena);
    free(model);
    return 0;
}
