/*
 * kernel.h - the contract between the interpreter and a kernel.
 *
 * A kernel is two functions and the op it implements:
 *
 *   prepare(ctx, node)  once, when the interpreter is created: check the
 *                       node's tensors (types, shapes, quantization), compute
 *                       what invoke needs (requantization multipliers, ...),
 *                       keep it in memory from tflm_alloc_persistent, and
 *                       reserve scratch memory with tflm_request_scratch.
 *   invoke(ctx, node)   every inference: compute the outputs. It must not
 *                       fail for tensors that prepare accepted, except on
 *                       the values of an input that is not constant (an
 *                       index out of range, an axis that does not fit the
 *                       output): TFLM_ERROR_KERNEL through tflm_fail.
 *                       It may also return TFLM_STOPPED_EARLY, without
 *                       tflm_fail, to end the graph's run after its node
 *                       with no error (TFLM's kTfLiteAbort, which
 *                       CIRCULAR_BUFFER returns): no later operator runs
 *                       in this invoke, tflm_interpreter_invoke returns
 *                       that status, and tflm_invoke_subgraph returns it
 *                       to a kernel running a subgraph, which passes it on.
 *
 * Kernels never allocate, never print, keep no global mutable state, and
 * report problems with tflm_fail, which prefixes the operator index and name.
 */
#ifndef TFLM_KERNEL_H
#define TFLM_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include "tflm/builtin_codes.h" /* tflm_builtin */
#include "tflm/tflm.h"

#ifdef __cplusplus
extern "C" {
#endif


/* A vector of int32 with its length in front: the layout of a flatbuffer
 * [int] vector, so shapes and operator tensor lists point into the model. */
typedef struct tflm_int_array {
    int32_t size;
    int32_t data[];
} tflm_int_array;

/* A tensor as kernels see it. */
typedef struct tflm_tensor {
    void *data;                  /* arena, or model for constant tensors   */
    const tflm_int_array *dims;  /* never NULL; size 0 for a scalar         */
    uint32_t bytes;              /* element count x element size           */
    uint8_t type;                /* tflm_type                               */
    uint8_t is_constant;         /* data lies in the model (read only)      */
    uint8_t is_variable;         /* state kept across invokes               */
} tflm_tensor;

/* Quantization parameters of a tensor, pointing into the model. */
typedef struct tflm_quantization {
    const float *scales;        /* scale_count entries, NULL if none        */
    const int64_t *zero_points; /* zero_point_count entries, NULL if none   */
    uint32_t scale_count;
    uint32_t zero_point_count;
    int32_t quantized_dimension;
} tflm_quantization;

typedef struct tflm_context tflm_context; /* the interpreter, as kernels see it */
struct tflm_kernel;

/* One operator of the graph. */
typedef struct tflm_node {
    const tflm_int_array *inputs;   /* tensor indices; -1 = optional, absent */
    const tflm_int_array *outputs;
    const uint8_t *options;         /* builtin options table or NULL: read it
                                       with tflm_option_* only               */
    const uint8_t *custom_options;  /* raw bytes of custom ops, or NULL      */
    uint32_t custom_options_size;
    uint8_t options_type;           /* the schema's BuiltinOptions union tag  */
    void *data;                     /* the kernel's own, set in prepare      */
    const struct tflm_kernel *kernel;
} tflm_node;

typedef tflm_status (*tflm_kernel_fn)(tflm_context *ctx, tflm_node *node);

typedef struct tflm_kernel {
    int32_t builtin_code;      /* tflm_builtin                               */
    const char *custom_name;   /* for TFLM_BUILTIN_CUSTOM, else NULL         */
    const char *name;          /* "FULLY_CONNECTED": messages and profiles   */
    tflm_kernel_fn prepare;    /* may be NULL when there is nothing to check */
    tflm_kernel_fn invoke;
    bool output_aliases_input; /* output 0 holds input 0's bytes unchanged
                                  (RESHAPE): the planner may give both one
                                  buffer, and invoke then copies nothing    */
    tflm_kernel_fn reset;      /* NULL, or restores the state a kernel keeps
                                  in node->data between invokes (a noise
                                  estimate, a frame buffer) to what prepare
                                  left: tflm_interpreter_reset_state calls
                                  it for every node, after prepare too      */
} tflm_kernel;

/* ---- Tensors -------------------------------------------------------------- */

/* The node's i-th input/output, or NULL when i is out of range or the
 * optional input is absent (-1). */
tflm_tensor *tflm_input(tflm_context *ctx, const tflm_node *node, int i);
tflm_tensor *tflm_output(tflm_context *ctx, const tflm_node *node, int i);

/* Quantization parameters of a tensor (all zero/NULL when it has none). */
void tflm_tensor_quantization(const tflm_context *ctx, const tflm_tensor *tensor,
                              tflm_quantization *quantization);

/* Elements of a tensor (product of dims, 1 for a scalar). */
int32_t tflm_element_count(const tflm_tensor *tensor);

/* Bytes of one element of a type; 0 for types without a fixed size.
 * RESOURCE is 4: its elements are int32 resource variable ids. */
uint32_t tflm_type_size(tflm_type type);

/* ---- Builtin options ------------------------------------------------------ */
/* A field of the node's options table: expected_type is its BuiltinOptions
 * union tag and field its number in the table (first field = 0), as
 * tflm/builtin_options.h names them; kernels read options through the typed
 * accessors there, which give the schema's defaults. An absent table or
 * field, or a table of another union type than expected, gives the default. */
int32_t tflm_option_int32(const tflm_context *ctx, const tflm_node *node,
                          uint8_t expected_type, int field, int32_t default_value);
int8_t tflm_option_int8(const tflm_context *ctx, const tflm_node *node,
                        uint8_t expected_type, int field, int8_t default_value);
bool tflm_option_bool(const tflm_context *ctx, const tflm_node *node,
                      uint8_t expected_type, int field, bool default_value);
float tflm_option_float(const tflm_context *ctx, const tflm_node *node,
                        uint8_t expected_type, int field, float default_value);
/* A [int] vector field, checked against the model's bounds; NULL if absent. */
const tflm_int_array *tflm_option_int_vector(const tflm_context *ctx, const tflm_node *node,
                                             uint8_t expected_type, int field);
/* A string field (VarHandleOptions' names), checked against the model's
 * bounds: its bytes, not NUL-terminated, with *length set; NULL (and
 * *length 0) if absent. The bytes live as long as the model. */
const char *tflm_option_string(const tflm_context *ctx, const tflm_node *node,
                               uint8_t expected_type, int field, size_t *length);

/* ---- Memory (prepare only) -------------------------------------------------- */

/* Persistent memory, zeroed, living as long as the interpreter, aligned to
 * 16 on 64-bit hosts and to 8 on 32-bit and smaller cores (enough for any
 * scalar type; Arm vector loads need only their elements' alignment).
 * Returns NULL when the arena is exhausted; the kernel then returns
 * TFLM_ERROR_ARENA_TOO_SMALL and the interpreter reports the bytes needed. */
void *tflm_alloc_persistent(tflm_context *ctx, size_t bytes);

/* tflm_alloc_persistent for memory that is not the op's own data: the
 * memory report (tflm_memory_report) shows it under purpose
 * (TFLM_MEMORY_QUANTIZATION, TFLM_MEMORY_PACKED_WEIGHTS, ...). */
void *tflm_alloc_persistent_for(tflm_context *ctx, size_t bytes, tflm_memory_purpose purpose);

/* Reserves bytes of scratch memory, aligned to 16, valid only during this
 * node's invoke (the planner overlaps it with other nodes' memory). */
tflm_status tflm_request_scratch(tflm_context *ctx, size_t bytes, int32_t *index);

/* The scratch buffer reserved under index (invoke only). */
void *tflm_scratch(tflm_context *ctx, int32_t index);

/* ---- Kernel choice (prepare only) -------------------------------------------- */

/* The instruction set level this interpreter allows kernels (tflm.h): SCALAR
 * means the reference kernels. A kernel's SIMD variants are picked in
 * prepare for that level (native/src/kernels/README.md). */
tflm_isa tflm_kernel_isa(const tflm_context *ctx);

/* ---- Subgraphs (IF, WHILE, CALL_ONCE) ------------------------------------------
 * A model holds one or more subgraphs, numbered as in the model; the
 * interpreter runs subgraph 0 and a kernel may run others from its invoke,
 * as TFLM's MicroGraph lets it. Every subgraph is verified, built and
 * prepared at create, subgraph 0 first.
 *
 * A kernel requests in prepare each subgraph its invoke will run. The memory
 * planner then keeps that subgraph's memory apart from everything that is
 * live during the requesting node: the subgraph's inputs and outputs keep
 * their bytes for the whole invoke of the node (write the inputs, invoke,
 * read the outputs, as often as needed), its other tensors only while it
 * runs. Create fails with a message when requests recurse (a subgraph
 * reaching itself through any chain of calls) or nest deeper than
 * TFLM_MAX_SUBGRAPH_DEPTH, so an invoke never overflows the stack. */

/* Longest chain of subgraph calls below subgraph 0. Each level takes the
 * stack of one kernel invoke plus a few words. */
#define TFLM_MAX_SUBGRAPH_DEPTH 8

/* Number of subgraphs of the model (at least 1). */
int32_t tflm_subgraph_count(const tflm_context *ctx);

/* Inputs and outputs of subgraph, in its model order; counts are 0 and
 * tensors NULL for an index out of range. During prepare they tell shapes
 * and types only: data is set once memory is planned. */
int32_t tflm_subgraph_input_count(const tflm_context *ctx, int32_t subgraph);
int32_t tflm_subgraph_output_count(const tflm_context *ctx, int32_t subgraph);
tflm_tensor *tflm_subgraph_input(tflm_context *ctx, int32_t subgraph, int32_t i);
tflm_tensor *tflm_subgraph_output(tflm_context *ctx, int32_t subgraph, int32_t i);

/* Prepare only: this node's invoke may run subgraph. MALFORMED_MODEL,
 * with a message, when subgraph is out of range (the index comes from the
 * model: IfOptions, WhileOptions, ...). */
tflm_status tflm_request_subgraph(tflm_context *ctx, int32_t subgraph);

/* Invoke only: runs every operator of subgraph once, in order, on what its
 * input tensors hold. The subgraph must have been requested by this node
 * in prepare (else INVALID_ARGUMENT). A failing operator's message is kept,
 * named after its subgraph and index, and its status returned. */
tflm_status tflm_invoke_subgraph(tflm_context *ctx, int32_t subgraph);

/* ---- Resource variables (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE) -----------
 * Named state in the arena that lasts from create to the interpreter's end,
 * shared by all subgraphs and kept across invokes; identified as TFLM does
 * by VAR_HANDLE's container and shared_name. A variable is created without
 * storage; the first tflm_variable_allocate (ASSIGN_VARIABLE's prepare, in
 * TFLM) fixes its size and fills it with its fill byte, which
 * tflm_interpreter_reset_state writes again. Reading or assigning a
 * variable without storage, or with another size, fails.
 *
 * Ids travel through RESOURCE tensors, whose data (4 bytes per element,
 * TFLM_NO_VARIABLE until written) is persistent rather than planned: an id
 * a kernel writes in prepare is there for the prepares after it and for
 * every invoke. */

#define TFLM_NO_VARIABLE (-1)

/* Prepare only: *id of the variable named (container, shared_name), created
 * when no variable has that name. A NULL container matches a variable of
 * that name in any container (TFLM: models may leave the field out); the
 * names are compared by length and their bytes must live as long as the
 * interpreter (they point into the model). */
tflm_status tflm_variable_handle(tflm_context *ctx, const char *container, size_t container_length,
                                 const char *shared_name, size_t shared_name_length, int32_t *id);

/* Prepare only: gives variable id bytes of arena filled with fill (TFLM:
 * the assigned tensor's int8 zero point, else 0) when it has no storage;
 * when it has, bytes must equal its size. */
tflm_status tflm_variable_allocate(tflm_context *ctx, int32_t id, size_t bytes, int8_t fill);

/* Invoke only: copies the variable's bytes into data, or data into the
 * variable; bytes must equal its size. */
tflm_status tflm_variable_read(tflm_context *ctx, int32_t id, void *data, size_t bytes);
tflm_status tflm_variable_assign(tflm_context *ctx, int32_t id, const void *data, size_t bytes);

/* ---- Errors ----------------------------------------------------------------- */

/* Records a message for the current node and returns status. The format
 * knows %s, %d (int), %u (unsigned), %z (size_t) and %%; the interpreter
 * prefixes "operator N (NAME): ", or "subgraph S operator N (NAME): " for
 * a node of subgraph S > 0. */
tflm_status tflm_fail(tflm_context *ctx, tflm_status status, const char *format, ...);

#ifdef __cplusplus
}
#endif

#endif /* TFLM_KERNEL_H */
