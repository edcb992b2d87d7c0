# host: this machine. Runs the firmware examples as ordinary programs; their
# output is what the emulated boards must print, byte for byte.
set(TFLM_BOARD_CPU host)
set(TFLM_BOARD_SOURCES board.c)
set(TFLM_BOARD_QEMU)
set(TFLM_BOARD_EXAMPLES hello_world person_detection micro_speech micro_speech_audio custom_op)
set(TFLM_BOARD_BENCHMARKS ALL)
