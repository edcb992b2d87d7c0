/*
 * arena.h - the one block of memory an interpreter lives in, handed out
 * from both ends:
 *
 *   arena (caller's)                                          arena + size
 *   |pad|                                                               |cut|
 *   +---+-----------------------------+-----------+--------------------+---+
 *   |   | planned area  (head grows ->)|   free    |(<- tail grows) persistent |
 *   +---+-----------------------------+-----------+--------------------+---+
 *       ^start                        ^head       ^tail                ^end
 *
 *   persistent (from the end, never freed): the interpreter itself, the
 *     subgraph, tensor and node tables, variable and RESOURCE tensors,
 *     aligned copies of misaligned constants, kernel data
 *     (tflm_alloc_persistent), resource variables, the scratch pointer
 *     table, the table of subgraph calls.
 *   planned area (from the start): while the interpreter is being created,
 *     temporary records (scratch and subgraph requests, the memory
 *     planner's records and workspace when they do not fit in idle
 *     memory: interpreter_plan.c) are taken from the head; once the
 *     plan exists the same bytes hold the activation tensors and scratch
 *     buffers at their planned offsets.
 *
 * start is the caller's base rounded up to TFLM_ARENA_ALIGNMENT (pad: up to
 * 15 bytes lost to a misaligned base) and end is base + size rounded down
 * to TFLM_PERSISTENT_ALIGNMENT (cut). Temporary allocations and the plan's
 * buffers are multiples of 16 bytes at 16-aligned offsets (SIMD loads);
 * persistent ones are multiples of TFLM_PERSISTENT_ALIGNMENT below end.
 * The bytes a model needs are therefore
 *     pad + max(temporary peak, planned size) + persistent size,
 * exactly: the persistent part is complete before the plan is placed.
 */
#ifndef TFLM_CORE_ARENA_H
#define TFLM_CORE_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct tflm_arena {
    uint8_t *start;
    uint8_t *head;
    uint8_t *tail;
    uint8_t *end;
    size_t padding;    /* start - the caller's base                    */
    size_t shortfall;  /* bytes of the first allocation that failed    */
    uint8_t *idle;     /* memory idle for a while, taken by temporary   */
    uint8_t *idle_end; /* allocations before the head while they fit   */
    uint32_t *tagged;  /* memory report only: persistent bytes by
                          tflm_memory_purpose (tflm_alloc_persistent_for) */
} tflm_arena;

/* The granule of persistent allocations: 16 bytes on 64-bit hosts, whose
 * SIMD kernels keep vectors there (packed weights); 8 on 32-bit and smaller
 * cores, where nothing persistent needs more than an int64's alignment
 * (AAPCS: 8) and op data of 40 bytes would otherwise take 48. */
#define TFLM_PERSISTENT_ALIGNMENT (UINTPTR_MAX > 0xFFFFFFFFu ? 16u : 8u)

/* Where persistent memory ends in an arena of size bytes at base: its end
 * rounded down to TFLM_PERSISTENT_ALIGNMENT (the arena, the memory report
 * and the shared arena all cut it there). */
static inline uintptr_t tflm_arena_end(uintptr_t base, size_t size)
{
    return (base + size) & ~(uintptr_t)(TFLM_PERSISTENT_ALIGNMENT - 1u);
}

/* Bytes rounded up to the arena's alignment, 16 (saturating): temporary
 * memory and the plan's buffers. */
size_t tflm_arena_round(size_t bytes);

/* Bytes rounded up to TFLM_PERSISTENT_ALIGNMENT (saturating). */
size_t tflm_arena_round_persistent(size_t bytes);

/* Saturating sum: sizes in messages never wrap around. */
size_t tflm_arena_add(size_t a, size_t b);

void tflm_arena_init(tflm_arena *arena, void *base, size_t size);

/* Zeroed persistent memory, or NULL (and shortfall set) when it does not fit. */
void *tflm_arena_persistent(tflm_arena *arena, size_t bytes);

/* Temporary memory (not zeroed): from [idle, idle_end) while the request
 * fits there (4-byte aligned only: the memory planner's records, whose
 * sizes are multiples of 4), else from the head; or NULL (shortfall set). */
void *tflm_arena_temp(tflm_arena *arena, size_t bytes);

/* Gives back all temporary memory (the only way back: until then the
 * temporary bytes in use are the most ever used). */
void tflm_arena_release_temp(tflm_arena *arena);

size_t tflm_arena_persistent_used(const tflm_arena *arena);
size_t tflm_arena_temp_used(const tflm_arena *arena);

#endif /* TFLM_CORE_ARENA_H */
