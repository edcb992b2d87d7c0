# The project's own sine model (dev.tflm.examples.sine.SineModel, trained and
# quantized in Java), which firmware hello_world runs. It is never committed:

# TFLM_SINE_MODEL: path of sine_int8.tflite. Empty: generated at configure
# time into <build>/models/ with the Java examples' compiled classes
# (examples/target, from `mvn -B -DskipTests -pl examples -am package`)
# and a JDK 25+ ($JAVA_HOME or the newest under /usr/lib/jvm), the Java the classes target.
set(TFLM_SINE_MODEL "" CACHE FILEPATH "The int8 sine model hello_world runs (empty: generate it)")

function(tflm_find_jdk out_var)
  set(candidates)
  if(DEFINED ENV{JAVA_HOME})
    list(APPEND candidates $ENV{JAVA_HOME})
  endif()
  file(GLOB jvms LIST_DIRECTORIES true /usr/lib/jvm/*)
  list(APPEND candidates ${jvms})
  foreach(home IN LISTS candidates)
    if(EXISTS ${home}/release AND EXISTS ${home}/bin/java)
      file(STRINGS ${home}/release version REGEX "^JAVA_VERSION=")
      if(version MATCHES "\"([0-9]+)" AND CMAKE_MATCH_1 GREATER_EQUAL 25)
        set(${out_var} ${home}/bin/java PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
  set(${out_var} "" PARENT_SCOPE)
endfunction()

function(tflm_sine_model out_var)
  if(TFLM_SINE_MODEL)
    set(${out_var} ${TFLM_SINE_MODEL} PARENT_SCOPE)
    return()
  endif()
  set(model ${CMAKE_BINARY_DIR}/models/sine_int8.tflite)
  set(target_dir ${PROJECT_SOURCE_DIR}/examples/target)
  if(NOT EXISTS ${model})
    tflm_find_jdk(java)
    if(NOT java OR NOT EXISTS ${target_dir}/classes/dev/tflm/examples/sine/SineModel.class)
      message(FATAL_ERROR "hello_world needs the sine model: build the Java examples first "
              "(mvn -B -DskipTests -pl examples -am package; needs a JDK 25+) "
              "or pass -DTFLM_SINE_MODEL=<sine_int8.tflite>")
    endif()
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/models)
    execute_process(
      COMMAND ${java} -cp "${target_dir}/classes:${target_dir}/lib/*" dev.tflm.examples.sine.SineModel ${model}
      RESULT_VARIABLE failed)
    if(failed)
      file(REMOVE ${model})
      message(FATAL_ERROR "generating the sine model failed (${failed})")
    endif()
    message(STATUS "Sine model: generated ${model}")
  endif()
  set(${out_var} ${model} PARENT_SCOPE)
endfunction()
