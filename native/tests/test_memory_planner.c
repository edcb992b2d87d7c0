/* Memory planner: hand-checked plans, then random buffer sets: no two live
 * buffers overlap, the total is at least the largest sum of buffers alive
 * at one operator, and the multi-order plan never loses to the greedy-by-
 * size baseline. */
#include "core/memory_planner.h"
#include "test.h"

#include <stdint.h>

enum { CAPACITY = 200 };
static uint8_t workspace[CAPACITY * 28] __attribute__((aligned(16)));

static uint32_t random_state = 12345;
static uint32_t next_random(void)
{
    random_state = random_state * 1664525u + 1013904223u;
    return random_state >> 8;
}

/* The largest sum of sizes alive at one operator: no plan can be smaller. */
static uint64_t live_lower_bound(const tflm_planner *p, int32_t operators)
{
    uint64_t best = 0;
    for (int32_t op = 0; op < operators; op++) {
        uint64_t sum = 0;
        for (uint32_t i = 0; i < p->count; i++) {
            if (p->buffers[i].first <= op && op <= p->buffers[i].last) {
                sum += p->buffers[i].size;
            }
        }
        best = sum > best ? sum : best;
    }
    return best;
}

static void test_chain(void)
{
    /* A chain a -> b -> c -> d: ping-pong between two slots. */
    tflm_planner p;
    CHECK(tflm_planner_workspace_bytes(CAPACITY) <= sizeof workspace);
    tflm_planner_init(&p, workspace, CAPACITY);
    CHECK_EQ_INT(0, tflm_planner_add(&p, 100, 0, 0));
    CHECK_EQ_INT(1, tflm_planner_add(&p, 200, 0, 1));
    CHECK_EQ_INT(2, tflm_planner_add(&p, 100, 1, 2));
    CHECK_EQ_INT(3, tflm_planner_add(&p, 50, 2, 2));
    CHECK(tflm_planner_plan(&p));
    CHECK(tflm_planner_check(&p));
    CHECK_EQ_INT(112 + 208, tflm_planner_total(&p)); /* sizes rounded to 16 */
    CHECK_EQ_INT(0, tflm_planner_offset(&p, 1) % 16);
}

static void test_edges(void)
{
    tflm_planner p;
    tflm_planner_init(&p, workspace, 2);
    CHECK_EQ_INT(-1, tflm_planner_add(&p, 16, 3, 2));            /* first > last */
    CHECK_EQ_INT(-1, tflm_planner_add(&p, UINT32_MAX, 0, 0));    /* too large */
    CHECK_EQ_INT(0, tflm_planner_add(&p, 0, 0, 5));              /* size 0: no space */
    CHECK_EQ_INT(1, tflm_planner_add(&p, 1, 0, 5));
    CHECK_EQ_INT(-1, tflm_planner_add(&p, 1, 0, 5));             /* full */
    CHECK(tflm_planner_plan(&p));
    CHECK_EQ_INT(16, tflm_planner_total(&p));
    tflm_planner_init(&p, workspace, 2);
    tflm_planner_add(&p, UINT32_MAX - 100, 0, 1);
    tflm_planner_add(&p, UINT32_MAX - 100, 1, 2);
    CHECK(!tflm_planner_plan(&p)); /* the block would pass 4 GiB */
    tflm_planner_init(&p, workspace, 0);
    CHECK(tflm_planner_plan(&p));
    CHECK_EQ_INT(0, tflm_planner_total(&p));
}

/* Buffers added without a lifetime get one use by use; one never used takes
 * no space, even with a size; the plan equals adding the hull at once. */
static void test_lifetimes_by_use(void)
{
    tflm_planner p;
    tflm_planner_init(&p, workspace, 4);
    CHECK_EQ_INT(0, tflm_planner_add_unused(&p, 100));
    CHECK_EQ_INT(1, tflm_planner_add_unused(&p, 100));
    CHECK_EQ_INT(2, tflm_planner_add_unused(&p, 5000)); /* never used */
    CHECK(!tflm_planner_used(&p, 0));
    tflm_planner_use(&p, 0, 4, 4);
    tflm_planner_use(&p, 0, 1, 2); /* hull 1..4 */
    tflm_planner_use(&p, 1, 5, 6);
    CHECK(tflm_planner_used(&p, 0) && tflm_planner_used(&p, 1) && !tflm_planner_used(&p, 2));
    CHECK(tflm_planner_plan(&p));
    CHECK(tflm_planner_check(&p));
    CHECK_EQ_INT(112, tflm_planner_total(&p)); /* 1..4 and 5..6 share one slot */
    CHECK_EQ_INT(3, tflm_planner_add(&p, 100, 4, 5)); /* overlaps both */
    CHECK(tflm_planner_plan(&p));
    CHECK(tflm_planner_check(&p));
    CHECK_EQ_INT(224, tflm_planner_total(&p));
}

static void test_random(void)
{
    int better = 0, rounds = 500;
    uint64_t sum_best = 0, sum_baseline = 0;
    for (int round = 0; round < rounds; round++) {
        tflm_planner p;
        tflm_planner_init(&p, workspace, CAPACITY);
        uint32_t count = 1 + next_random() % CAPACITY;
        int32_t operators = 1 + (int32_t)(next_random() % 60);
        for (uint32_t i = 0; i < count; i++) {
            int32_t first = (int32_t)(next_random() % (uint32_t)operators);
            int32_t span = (int32_t)(next_random() % 8 == 0 ? next_random() % (uint32_t)operators
                                                            : next_random() % 3);
            int32_t last = first + span < operators ? first + span : operators - 1;
            size_t size = next_random() % 4 == 0 ? next_random() % 100000 : next_random() % 3000;
            CHECK_EQ_INT(i, tflm_planner_add(&p, size, first, last));
        }
        CHECK(tflm_planner_plan_in_order(&p, TFLM_PLAN_BY_SIZE));
        CHECK(tflm_planner_check(&p));
        uint32_t baseline = tflm_planner_total(&p);
        CHECK(tflm_planner_plan(&p));
        CHECK(tflm_planner_check(&p));
        uint32_t best = tflm_planner_total(&p);
        CHECK(best <= baseline);
        CHECK(best >= live_lower_bound(&p, operators));
        better += best < baseline;
        sum_best += best;
        sum_baseline += baseline;
    }
    printf("multi-order plan beat greedy-by-size in %d of %d random sets (%.2f%% smaller in total)\n",
           better, rounds, 100.0 * (double)(sum_baseline - sum_best) / (double)sum_baseline);
    CHECK(better > 0);
}

int main(void)
{
    test_chain();
    test_edges();
    test_lifetimes_by_use();
    test_random();
    TEST_MAIN_END();
}
