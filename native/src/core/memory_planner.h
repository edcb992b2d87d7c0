/*
 * memory_planner.h - gives each buffer an offset in one block so that two
 * buffers alive at the same time never overlap, keeping the block small.
 *
 * Three calls: tflm_planner_add(size, first use, last use) for every
 * buffer, tflm_planner_plan(), then tflm_planner_offset() of each buffer
 * and tflm_planner_total(). Lifetimes are inclusive operator indices
 * (steps). A buffer may also be added without a lifetime
 * (tflm_planner_add_unused) and given one use by use
 * (tflm_planner_use): the caller then keeps no lifetimes of its own.
 *
 * Algorithm. Placing buffers one at a time, each at the lowest offset where
 * it overlaps no already placed buffer whose lifetime intersects its own
 * (first fit over the placed buffers kept sorted by offset), is TFLM's
 * GreedyMemoryPlanner when the buffers are taken largest first. The result
 * depends on the order, and no single order wins on every graph, so plan()
 * places the buffers in several orders:
 *   - by size, largest first (the baseline);
 *   - by size x lifetime, largest first (long-lived big buffers settle low);
 *   - by first use, then size (follows the execution, good for chains);
 *   - by lifetime length, then size;
 * and keeps the smallest total (ties: the earliest order in this list),
 * placing the buffers once more in the order that gave it rather than
 * keeping every buffer's best offset. Each order costs O(n^2) time and no
 * memory beyond the workspace.
 *
 * Sizes are rounded up to 16 bytes so every offset is 16-aligned. Buffers
 * of size 0 or without a lifetime take no space (offset 0). Memory comes from the caller
 * (tflm_planner_workspace_bytes), nothing is allocated.
 */
#ifndef TFLM_CORE_MEMORY_PLANNER_H
#define TFLM_CORE_MEMORY_PLANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tflm_plan_buffer {
    uint32_t size;
    int32_t first;
    int32_t last;
    uint32_t offset;
} tflm_plan_buffer;

typedef enum tflm_plan_order {
    TFLM_PLAN_BY_SIZE,
    TFLM_PLAN_BY_AREA,
    TFLM_PLAN_BY_FIRST_USE,
    TFLM_PLAN_BY_LIFETIME,
    TFLM_PLAN_ORDER_COUNT
} tflm_plan_order;

typedef struct tflm_planner {
    tflm_plan_buffer *buffers;
    uint32_t *order;  /* one pass's placement order; the buffers it placed,
                         sorted by offset, fill the part already read */
    uint32_t count;
    uint32_t capacity;
    uint32_t total;
} tflm_planner;

/* Workspace bytes for up to capacity buffers (saturates at SIZE_MAX). */
size_t tflm_planner_workspace_bytes(uint32_t capacity);

/* workspace: tflm_planner_workspace_bytes(capacity) bytes, 4-aligned. */
void tflm_planner_init(tflm_planner *planner, void *workspace, uint32_t capacity);

/* Adds a buffer living from operator first to last (first <= last);
 * returns its index, or -1 when the planner is full or size is too large. */
int32_t tflm_planner_add(tflm_planner *planner, size_t size, int32_t first, int32_t last);

/* Adds a buffer that lives nowhere yet: tflm_planner_use gives it its
 * lifetime, and a buffer never used takes no space. Returns its index, or
 * -1 as tflm_planner_add. */
int32_t tflm_planner_add_unused(tflm_planner *planner, size_t size);

/* Widens buffer index's lifetime to cover steps first..last (first <= last). */
void tflm_planner_use(tflm_planner *planner, int32_t index, int32_t first, int32_t last);

/* Whether buffer index has a lifetime (added with one, or used since). */
bool tflm_planner_used(const tflm_planner *planner, int32_t index);

/* Places the buffers in one order only (the baseline, and for tests). */
bool tflm_planner_plan_in_order(tflm_planner *planner, tflm_plan_order order);

/* Places the buffers in every order and keeps the smallest plan. Fails
 * only when the block would reach 4 GiB. */
bool tflm_planner_plan(tflm_planner *planner);

uint32_t tflm_planner_offset(const tflm_planner *planner, int32_t index);
/* base + the buffer's offset when it is used, else NULL. */
void *tflm_planner_data(const tflm_planner *planner, int32_t index, uint8_t *base);
uint32_t tflm_planner_total(const tflm_planner *planner);

/* Whether no two buffers with intersecting lifetimes overlap and all lie
 * inside the total. */
bool tflm_planner_check(const tflm_planner *planner);

#endif /* TFLM_CORE_MEMORY_PLANNER_H */
