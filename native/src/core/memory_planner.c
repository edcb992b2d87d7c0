/* memory_planner.c - see memory_planner.h for the algorithm. */
#include "core/memory_planner.h"

#define ALIGNMENT 16u

size_t tflm_planner_workspace_bytes(uint32_t capacity)
{
    size_t per_buffer = sizeof(tflm_plan_buffer) + sizeof(uint32_t);
    return capacity > SIZE_MAX / per_buffer ? SIZE_MAX : capacity * per_buffer;
}

void tflm_planner_init(tflm_planner *planner, void *workspace, uint32_t capacity)
{
    planner->buffers = workspace;
    planner->order = (uint32_t *)(planner->buffers + capacity);
    planner->count = 0;
    planner->capacity = capacity;
    planner->total = 0;
}

int32_t tflm_planner_add_unused(tflm_planner *planner, size_t size)
{
    if (planner->count >= planner->capacity || planner->count >= INT32_MAX ||
        size > UINT32_MAX - (ALIGNMENT - 1)) {
        return -1;
    }
    tflm_plan_buffer *b = &planner->buffers[planner->count];
    b->size = ((uint32_t)size + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
    b->first = INT32_MAX; /* first > last: used nowhere yet */
    b->last = -1;
    b->offset = 0;
    return (int32_t)planner->count++;
}

int32_t tflm_planner_add(tflm_planner *planner, size_t size, int32_t first, int32_t last)
{
    int32_t index = first <= last ? tflm_planner_add_unused(planner, size) : -1;
    if (index >= 0) {
        tflm_planner_use(planner, index, first, last);
    }
    return index;
}

void tflm_planner_use(tflm_planner *planner, int32_t index, int32_t first, int32_t last)
{
    tflm_plan_buffer *b = &planner->buffers[index];
    b->first = first < b->first ? first : b->first;
    b->last = last > b->last ? last : b->last;
}

bool tflm_planner_used(const tflm_planner *planner, int32_t index)
{
    return planner->buffers[index].first <= planner->buffers[index].last;
}

static bool live_together(const tflm_plan_buffer *a, const tflm_plan_buffer *b)
{
    return a->first <= b->last && b->first <= a->last;
}

/* Whether buffer x goes before buffer y in the given order; both are
 * placed (used, first <= last), so a lifetime's span is exact in 32 bits
 * and its area, size * (span + 1), in 64. */
static bool goes_before(const tflm_plan_buffer *x, const tflm_plan_buffer *y,
                        tflm_plan_order order)
{
    uint32_t span_x = (uint32_t)x->last - (uint32_t)x->first;
    uint32_t span_y = (uint32_t)y->last - (uint32_t)y->first;
    uint64_t key_x = x->size, key_y = y->size;
    if (order == TFLM_PLAN_BY_AREA) {
        key_x += (uint64_t)x->size * span_x;
        key_y += (uint64_t)y->size * span_y;
    } else if (order == TFLM_PLAN_BY_FIRST_USE && x->first != y->first) {
        return x->first < y->first;
    } else if (order == TFLM_PLAN_BY_LIFETIME && span_x != span_y) {
        return span_x > span_y;
    }
    return key_x > key_y;
}

/* The buffers to place (used, of nonzero size) in order, by insertion: no
 * libc qsort, and the lists are short (one entry per tensor and scratch
 * buffer). Ties keep the lower index first (insertion is stable), so every
 * plan is deterministic. Zeroes every offset; returns how many to place. */
static uint32_t sort_order(tflm_planner *planner, tflm_plan_order order)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < planner->count; i++) {
        tflm_plan_buffer *current = &planner->buffers[i];
        current->offset = 0;
        if (current->size == 0 || !tflm_planner_used(planner, (int32_t)i)) {
            continue;
        }
        uint32_t j = n++;
        while (j > 0 && goes_before(current, &planner->buffers[planner->order[j - 1]], order)) {
            planner->order[j] = planner->order[j - 1];
            j--;
        }
        planner->order[j] = i;
    }
    return n;
}

/* Lowest offset for buffer b among the placed buffers (sorted by offset). */
/* In 32 bits: every placed buffer ends at or below UINT32_MAX. */
static uint32_t first_fit(const tflm_planner *planner, const uint32_t *placed,
                          uint32_t placed_count, uint32_t b)
{
    const tflm_plan_buffer *buffer = &planner->buffers[b];
    uint32_t candidate = 0;
    for (uint32_t i = 0; i < placed_count; i++) {
        const tflm_plan_buffer *other = &planner->buffers[placed[i]];
        if (!live_together(buffer, other)) {
            continue;
        }
        if (other->offset >= candidate && other->offset - candidate >= buffer->size) {
            break; /* the gap before other is large enough */
        }
        uint32_t other_end = other->offset + other->size;
        if (other_end > candidate) {
            candidate = other_end;
        }
    }
    return candidate;
}

bool tflm_planner_plan_in_order(tflm_planner *planner, tflm_plan_order order)
{
    uint32_t count = sort_order(planner, order);
    /* The k buffers placed before order[k] is read sit, sorted by offset,
       in order[0..k-1], which is read already: one array serves both. */
    uint32_t *placed = planner->order;
    uint32_t placed_count = 0;
    uint32_t total = 0;
    for (uint32_t k = 0; k < count; k++) {
        uint32_t b = planner->order[k];
        tflm_plan_buffer *buffer = &planner->buffers[b];
        uint32_t offset = first_fit(planner, placed, placed_count, b);
        if (buffer->size > UINT32_MAX - offset) {
            return false;
        }
        buffer->offset = offset;
        if (offset + buffer->size > total) {
            total = offset + buffer->size;
        }
        uint32_t j = placed_count++;
        while (j > 0 && planner->buffers[placed[j - 1]].offset > buffer->offset) {
            placed[j] = placed[j - 1];
            j--;
        }
        placed[j] = b;
    }
    planner->total = total;
    return true;
}

bool tflm_planner_plan(tflm_planner *planner)
{
    uint32_t best_total = UINT32_MAX;
    int best = -1;
    for (int order = 0; order < TFLM_PLAN_ORDER_COUNT; order++) {
        if (tflm_planner_plan_in_order(planner, (tflm_plan_order)order) &&
            (best < 0 || planner->total < best_total)) {
            best = order;
            best_total = planner->total;
        }
    }
    return best >= 0 && tflm_planner_plan_in_order(planner, (tflm_plan_order)best);
}

uint32_t tflm_planner_offset(const tflm_planner *planner, int32_t index)
{
    return planner->buffers[index].offset;
}

void *tflm_planner_data(const tflm_planner *planner, int32_t index, uint8_t *base)
{
    return tflm_planner_used(planner, index) ? base + planner->buffers[index].offset : NULL;
}

uint32_t tflm_planner_total(const tflm_planner *planner)
{
    return planner->total;
}

bool tflm_planner_check(const tflm_planner *planner)
{
    for (uint32_t i = 0; i < planner->count; i++) {
        const tflm_plan_buffer *a = &planner->buffers[i];
        if (a->size == 0 || !tflm_planner_used(planner, (int32_t)i)) {
            continue;
        }
        if ((uint64_t)a->offset + a->size > planner->total || a->offset % ALIGNMENT != 0) {
            return false;
        }
        for (uint32_t j = i + 1; j < planner->count; j++) {
            const tflm_plan_buffer *b = &planner->buffers[j];
            if (b->size != 0 && live_together(a, b) && a->offset < b->offset + b->size &&
                b->offset < a->offset + a->size) {
                return false;
            }
        }
    }
    return true;
}
