/*
 * tflm.h - the public C API of the runtime: load a .tflite model into one
 * caller-provided arena, fill its inputs, invoke it, read its outputs.
 *
 *     const tflm_kernel *storage[1];
 *     tflm_op_resolver ops;
 *     tflm_op_resolver_init(&ops, storage, 1);
 *     tflm_op_resolver_add(&ops, &tflm_op_fully_connected);   // see tflm/ops.h
 *
 *     static uint8_t arena[4096] __attribute__((aligned(16)));
 *     tflm_interpreter *interp;
 *     tflm_error error;
 *     if (tflm_interpreter_create(&interp, model, model_size, &ops,
 *                                 arena, sizeof arena, &error) != TFLM_OK) {
 *         debug_log(error.message);          // "arena too small: ..." etc.
 *     }
 *     tflm_tensor_info in;
 *     tflm_interpreter_input(interp, 0, &in);  // in.data is inside the arena
 *     ...write in.bytes bytes to in.data...
 *     tflm_interpreter_invoke(interp);
 *
 * Rules the whole API follows:
 *  - No heap: every byte the interpreter uses lies in the arena. The model
 *    bytes are read in place and must outlive the interpreter.
 *  - No global mutable state: any number of interpreters may coexist, each
 *    in its own arena.
 *  - Threads: what the runtime only reads may be shared, what it writes may
 *    not. The model bytes and a resolver (read only during create) may be
 *    used by any number of threads at once; an interpreter and its arena
 *    belong to one thread at a time. To run one model on several threads,
 *    give each thread its own interpreter in its own arena over the same
 *    model bytes (native/tests/test_threads.c does it on 8 threads).
 *  - Every function returns a tflm_status. On failure the interpreter keeps
 *    a one-line message naming what is wrong and where
 *    (tflm_interpreter_error_message); tflm_interpreter_create, which may
 *    fail before an interpreter exists, writes it to a caller's tflm_error.
 *  - A malformed model is rejected before anything reads it: every offset,
 *    length, index and enum of the flatbuffer is checked against the bytes
 *    given. The runtime never reads outside [model, model + model_size).
 */
#ifndef TFLM_TFLM_H
#define TFLM_TFLM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result of every call. Values are stable: the Java bindings mirror them. */
typedef enum tflm_status {
    TFLM_OK = 0,
    TFLM_ERROR_INVALID_ARGUMENT = 1, /* a NULL pointer, an index out of range */
    TFLM_ERROR_MALFORMED_MODEL = 2,  /* the flatbuffer fails verification    */
    TFLM_ERROR_UNSUPPORTED = 3,      /* valid model, but an op/type we lack  */
    TFLM_ERROR_ARENA_TOO_SMALL = 4,  /* the message states the bytes needed  */
    TFLM_ERROR_KERNEL = 5,           /* a kernel rejected its tensors        */
    TFLM_ERROR_RESOLVER_FULL = 6,    /* more kernels than the resolver holds */
    TFLM_STOPPED_EARLY = 7           /* not an error: an operator ended the
                                        invoke early (tflm_interpreter_invoke) */
} tflm_status;

/* Tensor element types, numbered as TensorFlow Lite's schema TensorType. */
typedef enum tflm_type {
    TFLM_TYPE_FLOAT32 = 0,
    TFLM_TYPE_FLOAT16 = 1,
    TFLM_TYPE_INT32 = 2,
    TFLM_TYPE_UINT8 = 3,
    TFLM_TYPE_INT64 = 4,
    TFLM_TYPE_STRING = 5,
    TFLM_TYPE_BOOL = 6,
    TFLM_TYPE_INT16 = 7,
    TFLM_TYPE_COMPLEX64 = 8,
    TFLM_TYPE_INT8 = 9,
    TFLM_TYPE_FLOAT64 = 10,
    TFLM_TYPE_COMPLEX128 = 11,
    TFLM_TYPE_UINT64 = 12,
    TFLM_TYPE_RESOURCE = 13,
    TFLM_TYPE_VARIANT = 14,
    TFLM_TYPE_UINT32 = 15,
    TFLM_TYPE_UINT16 = 16,
    TFLM_TYPE_INT4 = 17
} tflm_type;

/* Longest error message, terminating NUL included. */
#define TFLM_ERROR_MESSAGE_CAPACITY 160

/* Where tflm_interpreter_create reports a failure. */
typedef struct tflm_error {
    tflm_status status;
    char message[TFLM_ERROR_MESSAGE_CAPACITY];
} tflm_error;

/* Most dimensions a tensor may have. */
#define TFLM_MAX_DIMS 6

/* A tensor as the application sees it. data points into the arena (or,
 * for constant tensors, into the model; into the arena when their data in
 * the model is not aligned for their type, which create copies once) and
 * stays valid as long as the interpreter does. */
typedef struct tflm_tensor_info {
    void *data;
    size_t bytes;
    tflm_type type;
    int32_t dims_count;
    int32_t dims[TFLM_MAX_DIMS];
    float scale;         /* per-tensor quantization; 0 when not quantized */
    int32_t zero_point;
    const char *name;    /* not NUL-terminated in the model: see name_length */
    size_t name_length;
} tflm_tensor_info;

/* ---- Op resolver: the kernels a program links in ----------------------- */

struct tflm_kernel; /* defined in tflm/kernel.h; instances in tflm/ops.h */

/* The kernels a program registers, kept in storage its caller gives, as
 * TFLM's MicroMutableOpResolver<N>: a firmware that registers three kernels
 * gives room for three; tflm_op_resolver_add_all needs TFLM_OP_COUNT
 * (tflm/ops.h). */
typedef struct tflm_op_resolver {
    const struct tflm_kernel **kernels; /* the caller's storage */
    uint32_t capacity;
    uint32_t count;
} tflm_op_resolver;

/* Starts an empty resolver that keeps up to capacity kernels in storage,
 * which must live as long as the resolver is used. */
void tflm_op_resolver_init(tflm_op_resolver *resolver, const struct tflm_kernel **storage,
                           size_t capacity);

/* Adds a kernel. RESOLVER_FULL when capacity kernels are registered;
 * INVALID_ARGUMENT when the resolver already holds a kernel for the same op
 * (the first one registered wins). */
tflm_status tflm_op_resolver_add(tflm_op_resolver *resolver,
                                 const struct tflm_kernel *kernel);

/* Whether the resolver holds a kernel for an op: a builtin code of the
 * schema, or TFLM_BUILTIN_CUSTOM (32) with the custom op's name. */
int tflm_op_resolver_supports(const tflm_op_resolver *resolver,
                              int32_t builtin_code, const char *custom_name);

/* ---- Interpreter ------------------------------------------------------- */

typedef struct tflm_interpreter tflm_interpreter;

/* Largest alignment the runtime needs; arenas aligned to it waste nothing. */
#define TFLM_ARENA_ALIGNMENT 16

/*
 * Verifies the model, resolves its ops, prepares every kernel and plans all
 * memory inside the arena. On success *out points into the arena. The
 * resolver is only read during the call. Failures: MALFORMED_MODEL,
 * UNSUPPORTED, ARENA_TOO_SMALL (the message says how many bytes the model
 * needs when the arena was large enough to plan, at least how many when
 * not), KERNEL, INVALID_ARGUMENT. error may be NULL.
 */
tflm_status tflm_interpreter_create(tflm_interpreter **out,
                                    const void *model, size_t model_size,
                                    const tflm_op_resolver *resolver,
                                    void *arena, size_t arena_size,
                                    tflm_error *error);

/* ---- Kernel choice -------------------------------------------------------- */

/* Which kernels an interpreter runs. Values are stable (Java mirrors them). */
typedef enum tflm_kernel_set {
    TFLM_KERNELS_OPTIMIZED = 0, /* SIMD kernels where the CPU has them (default) */
    TFLM_KERNELS_REFERENCE = 1  /* the portable reference kernels only           */
} tflm_kernel_set;

/* Instruction set levels of the SIMD kernels, in two families, each level
 * including the ones before it in its family:
 *   x86-64:    SCALAR < AVX2 < AVX512 < AVX512_VNNI, read from CPUID and
 *              XGETBV when an interpreter is created;
 *   Cortex-M:  SCALAR < ARM_DSP < ARM_MVE, fixed when the library is
 *              compiled (the compiler's __ARM_FEATURE_DSP / _MVE: firmware
 *              runs on the core it was built for).
 * A build knows SCALAR and the levels of its own family (none on other
 * architectures, whose level is always SCALAR). An interpreter runs at the
 * lower of the level its options allow and the best one the CPU has; a
 * max_isa option naming a level the build does not know (the other
 * family's) is INVALID_ARGUMENT. Values are stable (Java mirrors them). */
typedef enum tflm_isa {
    TFLM_ISA_BEST = 0,        /* options only: whatever the CPU supports     */
    TFLM_ISA_SCALAR = 1,      /* portable C: the reference kernels           */
    TFLM_ISA_AVX2 = 2,        /* AVX2 and FMA                                */
    TFLM_ISA_AVX512 = 3,      /* AVX-512 F, BW, VL                           */
    TFLM_ISA_AVX512_VNNI = 4, /* AVX-512 F, BW, VL and VNNI                  */
    TFLM_ISA_ARM_DSP = 5,     /* Cortex-M DSP extension (SMLAD, SXTB16...)   */
    TFLM_ISA_ARM_MVE = 6      /* Helium, the M-profile Vector Extension      */
} tflm_isa;

/* Options of tflm_interpreter_create_with_options; all zero = the defaults
 * of tflm_interpreter_create (optimized kernels, best ISA). */
typedef struct tflm_interpreter_options {
    int32_t kernels; /* tflm_kernel_set */
    int32_t max_isa; /* tflm_isa: the highest level kernels may use */
} tflm_interpreter_options;

/* tflm_interpreter_create with options (NULL = defaults). Failures as
 * tflm_interpreter_create, plus INVALID_ARGUMENT for unknown option values,
 * a max_isa this build does not know (another family's level) included. */
tflm_status tflm_interpreter_create_with_options(tflm_interpreter **out,
                                                 const void *model, size_t model_size,
                                                 const tflm_op_resolver *resolver,
                                                 void *arena, size_t arena_size,
                                                 const tflm_interpreter_options *options,
                                                 tflm_error *error);

/*
 * For tools (./tflm inspect): everything that keeps tflm_interpreter_create
 * from accepting the model with this resolver, operator by operator, where
 * create stops at the first. Verifies the model, then adds to problems each
 * operator without a registered kernel and each one whose kernel refuses it
 * at prepare (types, options, shapes), with create's message, and goes on;
 * the reference kernels prepare. *count is how many were found: the first
 * capacity are kept. The arena (create needs at most as much) is scratch.
 * Returns OK when every operator was checked, whatever was found;
 * MALFORMED_MODEL, ARENA_TOO_SMALL or INVALID_ARGUMENT in error otherwise.
 */
tflm_status tflm_check_operators(const void *model, size_t model_size,
                                 const tflm_op_resolver *resolver,
                                 void *arena, size_t arena_size,
                                 tflm_error *problems, size_t capacity, size_t *count,
                                 tflm_error *error);

/* The instruction set level this interpreter's kernels run at: SCALAR for
 * reference kernels, never BEST. */
tflm_isa tflm_interpreter_isa(const tflm_interpreter *interp);

/* The best level this CPU and OS support, as an interpreter would use: on
 * x86-64 what CPUID reports, on a Cortex-M the level the library was
 * compiled for, elsewhere SCALAR. */
tflm_isa tflm_cpu_isa(void);

/* A static name for a level: "best", "scalar", "avx2", "avx512",
 * "avx512-vnni", "arm-dsp", "arm-mve"; "unknown" for other values. */
const char *tflm_isa_name(tflm_isa isa);

/* The int8 multiply-accumulate peak of level isa, for "% of peak"
 * figures: runs the instruction the level's int8 kernels multiply with,
 * alone, rounds x 16 times on independent accumulators, and returns the
 * multiply-accumulates done; the caller times the call (the library has no
 * clock): MACs over seconds is the peak. The instructions:
 *   AVX512_VNNI  vpdpbusd zmm             64 MACs
 *   AVX512       vpmaddwd zmm + vpaddd    32 MACs
 *   AVX2         vpmaddwd ymm + vpaddd    16 MACs
 * 0, doing nothing, for a level the CPU lacks or without such an
 * instruction here (SCALAR, BEST, the Cortex-M levels). */
uint64_t tflm_int8_peak_probe(tflm_isa isa, uint64_t rounds);

/* Exact arena bytes this interpreter uses, alignment padding included:
 * an arena of this size, aligned to TFLM_ARENA_ALIGNMENT, is enough. */
size_t tflm_interpreter_arena_used(const tflm_interpreter *interp);

/* ---- Several interpreters, one arena ----------------------------------------
 * As TFLM's multi-tenant allocator: interpreters that never run at the same
 * time may share one arena. Each keeps its own persistent part (tables,
 * kernel data, variables) at the arena's end, below those of the
 * interpreters created before it; all of them share the planned part at the
 * start (activation tensors and scratch buffers). The arena then needs
 *     padding + the largest planned part + the sum of the persistent parts
 * instead of the sum of every interpreter's arena.
 * The price: creating or invoking one of them overwrites the others' input,
 * output and intermediate tensors (variables and resource variables stay).
 * Set an interpreter's inputs just before its invoke and copy its outputs
 * out before another one runs or is created. Interpreters are never freed
 * one by one: they live as long as the arena. */
typedef struct tflm_shared_arena {
    uint8_t *base;         /* the caller's arena                                 */
    size_t size;
    size_t persistent;     /* bytes the interpreters created so far keep at its end */
    size_t planned;        /* the largest padding + planned part among them       */
    uint32_t interpreters; /* how many were created in it                         */
} tflm_shared_arena;

/* Starts an empty shared arena over the caller's memory. */
void tflm_shared_arena_init(tflm_shared_arena *shared, void *arena, size_t size);

/* tflm_interpreter_create_with_options in the part of the shared arena that
 * the interpreters created before leave free at its end (options may be
 * NULL). Failures as tflm_interpreter_create_with_options; when the arena is
 * too small, the message also says what the earlier interpreters keep. */
tflm_status tflm_interpreter_create_shared(tflm_interpreter **out, const void *model, size_t model_size,
                                           const tflm_op_resolver *resolver, tflm_shared_arena *shared,
                                           const tflm_interpreter_options *options, tflm_error *error);

/* Exact bytes the interpreters created in it need together: an arena of this
 * size, at the same alignment, holds them all (created in the same order). */
size_t tflm_shared_arena_used(const tflm_shared_arena *shared);

/* ---- Memory report ---------------------------------------------------------
 * For tools (./tflm inspect --memory): where the bytes of
 * tflm_interpreter_arena_used go, as the allocator and the planner placed
 * them. Firmware that never calls tflm_memory_report links none of it. */

/* What persistent arena bytes hold. Values are stable (Java mirrors them). */
typedef enum tflm_memory_purpose {
    TFLM_MEMORY_INTERPRETER = 0,     /* the interpreter, subgraph, scratch and call tables */
    TFLM_MEMORY_TENSOR_TABLE = 1,    /* one tflm_tensor per tensor of the model           */
    TFLM_MEMORY_NODE_TABLE = 2,      /* one tflm_node per operator                        */
    TFLM_MEMORY_OP_DATA = 3,         /* what kernels keep for invoke (tflm/kernel.h)      */
    TFLM_MEMORY_QUANTIZATION = 4,    /* per-channel requantization multipliers and shifts */
    TFLM_MEMORY_PACKED_WEIGHTS = 5,  /* optimized kernels' repacked weights, folded biases */
    TFLM_MEMORY_VARIABLES = 6,       /* variable and RESOURCE tensors, resource variables */
    TFLM_MEMORY_CONSTANT_COPIES = 7, /* aligned copies of constants misaligned in the model */
    TFLM_MEMORY_PURPOSE_COUNT = 8
} tflm_memory_purpose;

/* One operator's arena bytes: persistent ones taken in its prepare, by
 * purpose (OP_DATA, QUANTIZATION, PACKED_WEIGHTS, VARIABLES), and the
 * scratch bytes it requested (planned, rounded to 16 each). */
typedef struct tflm_memory_operator {
    uint32_t persistent[TFLM_MEMORY_PURPOSE_COUNT];
    uint32_t scratch;
} tflm_memory_operator;

/* One entry of the activation plan: a tensor, or a scratch buffer
 * (tensor -1). Steps: subgraph 0's operators take steps 0, 1, ...; an
 * operator that calls subgraphs also their runs (interpreter_plan.c). */
typedef struct tflm_memory_buffer {
    int32_t tensor;      /* index in the interpreter's tensor table (all subgraphs), or -1 */
    int32_t operator_index; /* a scratch buffer's operator (node table index), else -1 */
    int32_t alias_of;    /* the tensor whose buffer this one shares (RESHAPE...), or -1 */
    uint32_t bytes;      /* the tensor's or the request's bytes, unrounded */
    int32_t first_step;  /* lifetime, inclusive */
    int32_t last_step;
    uint32_t offset;     /* from the start of the planned area */
} tflm_memory_buffer;

typedef struct tflm_memory_summary {
    uint64_t arena_used;   /* tflm_interpreter_arena_used */
    uint64_t padding;      /* lost to a misaligned arena base */
    uint64_t planned;      /* the activation plan's size */
    uint64_t temp_peak;    /* create's temporary records; the plan's area holds them */
    uint64_t persistent;   /* = the sum of persistent_by_purpose */
    uint64_t persistent_by_purpose[TFLM_MEMORY_PURPOSE_COUNT];
    uint64_t variable_bytes; /* of the variable tensors (recurrent state, persistent) */
    uint64_t live_bound;   /* max over steps of the bytes of the tensors live then */
    int32_t live_bound_step; /* the first step reaching it (-1: no planned tensor) */
    int32_t plan_peak_step;  /* the first step at which the plan's buffers reach highest */
    uint32_t step_count;
    uint32_t operator_count; /* all subgraphs' */
    uint32_t tensor_count;
    uint32_t buffer_count;   /* plan entries found, kept or not */
} tflm_memory_summary;

/*
 * Creates an interpreter as tflm_interpreter_create_with_options does, then
 * describes its arena: *summary, operators[i] for operator i of the node
 * table (all subgraphs, in order; the first operator_capacity kept) and the
 * plan's entries, tensors in table order then scratch buffers (the first
 * buffer_capacity kept; summary->buffer_count says how many there are).
 * The interpreter is not kept: the arena is scratch. The live bound is the
 * largest sum, over the steps, of the bytes of the tensors live at a step:
 * each planned tensor over its lifetime (tensors sharing a buffer once)
 * and each variable tensor of subgraph 0 from its first use to its last,
 * scratch buffers excluded (the rule of tools/arena_bound.py, whose
 * figures ../shared/anchors.md quotes). Without variable tensors, no
 * placement of the plan's lifetimes needs less. Failures as create's.
 */
tflm_status tflm_memory_report(const void *model, size_t model_size,
                               const tflm_op_resolver *resolver, void *arena, size_t arena_size,
                               const tflm_interpreter_options *options,
                               tflm_memory_summary *summary,
                               tflm_memory_operator *operators, size_t operator_capacity,
                               tflm_memory_buffer *buffers, size_t buffer_capacity,
                               tflm_error *error);

/* Runs every operator once, in the model's order.
 *
 * TFLM_STOPPED_EARLY, which is not an error (the message stays ""), when
 * an operator ended this invoke before the last one, as TFLM's
 * kTfLiteAbort does: a streaming model's CIRCULAR_BUFFER stores the new
 * frame but stops the run until it holds cycles_max new frames, so the
 * layers after it run once per cycles_max invokes. The operators before
 * the stopping one ran (and kept any state they keep), the ones after it
 * did not: outputs they write are unspecified after this invoke (the
 * planner may have given their bytes to tensors computed before the
 * stop), so read outputs after an invoke that returns TFLM_OK, as with
 * TFLM. Write the next input and invoke again. A kernel stops the run by
 * returning TFLM_STOPPED_EARLY from its invoke (tflm/kernel.h); one doing
 * so inside a subgraph (IF, WHILE, CALL_ONCE) stops the whole invoke. */
tflm_status tflm_interpreter_invoke(tflm_interpreter *interp);

/* ---- One operator at a time ---------------------------------------------
 * For profiling and debugging without a timer in the runtime: the caller
 * times each call. Running operators 0 .. count-1 in order, up to the first
 * that does not return TFLM_OK (TFLM_STOPPED_EARLY included), does exactly
 * what tflm_interpreter_invoke does. */

/* Number of operators (nodes) of the graph, in execution order. */
size_t tflm_interpreter_operator_count(const tflm_interpreter *interp);

/* Runs operator index alone on whatever its input tensors hold now; its
 * status, TFLM_STOPPED_EARLY when it would end an invoke there.
 * INVALID_ARGUMENT when index >= the operator count. */
tflm_status tflm_interpreter_invoke_operator(tflm_interpreter *interp, size_t index);

/* A static name for operator index's op: the builtin name ("CONV_2D") or the
 * custom op's name; NULL when index is out of range. */
const char *tflm_interpreter_operator_name(const tflm_interpreter *interp, size_t index);

/* Zeroes the variable tensors (recurrent state, e.g. SVDF), refills the
 * resource variables (tflm/kernel.h) with their initial byte and restores
 * the state kernels keep between invokes (the signal ops' noise estimates
 * and frame buffers): the next invoke runs as on a new interpreter. */
tflm_status tflm_interpreter_reset_state(tflm_interpreter *interp);

size_t tflm_interpreter_input_count(const tflm_interpreter *interp);
size_t tflm_interpreter_output_count(const tflm_interpreter *interp);
tflm_status tflm_interpreter_input(tflm_interpreter *interp, size_t index,
                                   tflm_tensor_info *info);
tflm_status tflm_interpreter_output(tflm_interpreter *interp, size_t index,
                                    tflm_tensor_info *info);

/* Number of subgraphs of the model. Every one is verified, built and
 * prepared; the interpreter runs subgraph 0, whose inputs, outputs,
 * operators and tensors the functions here describe, and kernels run the
 * others (IF, WHILE, ...: tflm/kernel.h). */
size_t tflm_interpreter_subgraph_count(const tflm_interpreter *interp);

/* Any tensor of the graph by its index in the model. */
size_t tflm_interpreter_tensor_count(const tflm_interpreter *interp);
tflm_status tflm_interpreter_tensor(tflm_interpreter *interp, size_t index,
                                    tflm_tensor_info *info);

/* The message of the last failure ("" after success); never NULL. */
const char *tflm_interpreter_error_message(const tflm_interpreter *interp);

/* A static English name for a status, e.g. "arena too small". */
const char *tflm_status_name(tflm_status status);

/* The runtime's version as "MAJOR.MINOR.PATCH". */
const char *tflm_version(void);

#ifdef __cplusplus
}
#endif

#endif /* TFLM_TFLM_H */
