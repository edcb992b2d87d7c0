/* arena.c - see arena.h. */
#include "core/arena.h"

#include <string.h>

#include "tflm/tflm.h"

#define ALIGN_MASK ((uintptr_t)TFLM_ARENA_ALIGNMENT - 1u)
#define PERSISTENT_MASK ((uintptr_t)TFLM_PERSISTENT_ALIGNMENT - 1u)

static size_t round_up(size_t bytes, size_t mask)
{
    return bytes > SIZE_MAX - mask ? SIZE_MAX & ~mask : (bytes + mask) & ~mask;
}

size_t tflm_arena_round(size_t bytes)
{
    return round_up(bytes, ALIGN_MASK);
}

size_t tflm_arena_round_persistent(size_t bytes)
{
    return round_up(bytes, PERSISTENT_MASK);
}

size_t tflm_arena_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

void tflm_arena_init(tflm_arena *arena, void *base, size_t size)
{
    uintptr_t first = (uintptr_t)base;
    uintptr_t start = (first + ALIGN_MASK) & ~ALIGN_MASK;
    uintptr_t end = tflm_arena_end(first, size);
    memset(arena, 0, sizeof *arena);
    arena->padding = start - first;
    if (end < start) { /* the arena is smaller than its alignment padding */
        end = start;
    }
    arena->start = (uint8_t *)start;
    arena->head = arena->start;
    arena->end = (uint8_t *)end;
    arena->tail = arena->end;
}

static size_t free_bytes(const tflm_arena *arena)
{
    return (size_t)(arena->tail - arena->head);
}

static void *fail(tflm_arena *arena, size_t rounded)
{
    if (arena->shortfall == 0) {
        arena->shortfall = rounded;
    }
    return NULL;
}

void *tflm_arena_persistent(tflm_arena *arena, size_t bytes)
{
    size_t rounded = tflm_arena_round_persistent(bytes);
    if (rounded > free_bytes(arena)) {
        return fail(arena, rounded);
    }
    arena->tail -= rounded;
    memset(arena->tail, 0, rounded);
    return arena->tail;
}

void *tflm_arena_temp(tflm_arena *arena, size_t bytes)
{
    if (bytes <= (size_t)(arena->idle_end - arena->idle)) {
        void *idle = arena->idle;
        arena->idle += bytes;
        return idle;
    }
    size_t rounded = tflm_arena_round(bytes);
    if (rounded > free_bytes(arena)) {
        return fail(arena, rounded);
    }
    void *memory = arena->head;
    arena->head += rounded;
    return memory;
}

void tflm_arena_release_temp(tflm_arena *arena)
{
    arena->head = arena->start;
}

size_t tflm_arena_persistent_used(const tflm_arena *arena)
{
    return (size_t)(arena->end - arena->tail);
}

size_t tflm_arena_temp_used(const tflm_arena *arena)
{
    return (size_t)(arena->head - arena->start);
}
