/* Hostile models: every shared model and every hand-built one of
 * native/tests/models (subgraph calls, resource variables, misaligned
 * constants: run by the test kernels of subgraph_kernels.h) truncated (at
 * every length for small models, at a spread of lengths for big ones), with
 * random bit flips and with random 32-bit words overwritten (offsets,
 * lengths, indices, subgraph indices), all with a fixed seed. create must fail cleanly or, when the mutation happened to
 * be harmless, give an interpreter that invokes. Run it under
 * TFLM_SANITIZE to catch any out-of-bounds read. */
#include "fake_kernels.h"
#include "shared_models.h"
#include "subgraph_kernels.h"
#include "hostile.h"
#include "test.h"

enum { ARENA_SIZE = 1 << 20, SMALL_MODEL = 20000, MUTATIONS = 1500 };
static uint8_t arena[ARENA_SIZE] __attribute__((aligned(16)));
static tflm_op_resolver ops;
static const tflm_kernel *ops_storage[FAKE_KERNEL_COUNT + TEST_SUBGRAPH_KERNEL_COUNT];

static uint32_t random_state = 2024;
static uint32_t next_random(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state;
}

static hostile_counts counts;

static void try_model(const uint8_t *bytes, size_t size)
{
    hostile_try(bytes, size, &ops, arena, ARENA_SIZE, true, &counts);
}

static void mutate_model(const char *name, uint8_t *model, size_t size)
{
    counts = (hostile_counts){0, 0};
    uint8_t *work = alloc_exact(size);

    size_t step = size <= SMALL_MODEL ? 1 : size / 3000;
    for (size_t length = 0; length < size; length += step) {
        try_model(model, length);
    }
    for (int i = 0; i < MUTATIONS; i++) {
        memcpy(work, model, size);
        int flips = 1 + (int)(next_random() % 3);
        for (int f = 0; f < flips; f++) {
            uint32_t bit = next_random() % (uint32_t)(size * 8);
            work[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        try_model(work, size);
    }
    for (int i = 0; i < MUTATIONS; i++) {
        memcpy(work, model, size);
        uint32_t at = (next_random() % (uint32_t)(size / 4)) * 4;
        uint32_t word;
        switch (next_random() % 4) {
        case 0: word = next_random(); break;                  /* anywhere */
        case 1: word = next_random() % (uint32_t)size; break; /* inside the model */
        case 2: word = 0xffffffffu - next_random() % 16; break; /* -1 .. -16 */
        default: memcpy(&word, work + at, 4); word += (next_random() % 64) - 32; break;
        }
        memcpy(work + at, &word, 4);
        try_model(work, size);
    }
    free(work);
    free(model);
    printf("%-24s %6d rejected, %5d accepted\n", name, counts.rejected, counts.accepted);
}

int main(void)
{
    tflm_op_resolver_init(&ops, ops_storage, FAKE_KERNEL_COUNT + TEST_SUBGRAPH_KERNEL_COUNT);
    fake_add_kernels(&ops);
    CHECK_EQ_INT(TFLM_OK, test_add_subgraph_kernels(&ops));
    static const char *const test_models[] = {"subgraph_calls", "subgraph_chain",
                                              "constants_misaligned"};
    for (size_t m = 0; m < sizeof test_models / sizeof test_models[0]; m++) {
        size_t size;
        uint8_t *model = load_test_model(test_models[m], &size);
        mutate_model(test_models[m], model, size);
    }
    bool shared = shared_models_present();
    for (size_t m = 0; shared && m < SHARED_MODEL_COUNT; m++) {
        size_t size;
        uint8_t *model = load_shared_model(shared_model_names[m], &size);
        mutate_model(shared_model_names[m], model, size);
    }
    TEST_MAIN_END();
}
