/*
 * baseline - (a) of the code size report: a firmware that does nothing but
 * start and end, so (b) and (c) can subtract the board's own code (startup,
 * debug log, exit), as TFLM's examples/memory_footprint does.
 */
#include "board.h"

int main(void)
{
    board_debug_log("baseline\n");
    return 0;
}
