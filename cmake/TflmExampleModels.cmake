# The models the firmware examples run that this project writes itself, in
# Java (the examples module): never committed, generated at configure time.
#
#   tflm_sine_model(<out_var>)       sine_int8.tflite, hello_world's
#                                    (dev.tflm.examples.sine.SineModel)
#   tflm_custom_op_model(<out_var>)  custom_op.tflite, custom_op's
#                                    (dev.tflm.examples.customop.CustomOpModel)
#
# Each sets <out_var> to the model's path: the file its cache variable below
# names, or else one generated into <build>/models/ with the Java examples'
# compiled classes (examples/target, from `mvn -B -DskipTests -pl examples
# -am package`) and a JDK 25+ ($JAVA_HOME or the newest under /usr/lib/jvm),
# the Java the classes target.

# TFLM_SINE_MODEL: path of sine_int8.tflite (empty: generate it).
set(TFLM_SINE_MODEL "" CACHE FILEPATH "The int8 sine model hello_world runs (empty: generate it)")
# TFLM_CUSTOM_OP_MODEL: path of custom_op.tflite (empty: generate it).
set(TFLM_CUSTOM_OP_MODEL "" CACHE FILEPATH "The model with a custom op custom_op runs (empty: generate it)")

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

# tflm_java_model(<out_var> <given> <file> <class> <example> <cache var>):
# <given> when set, else <build>/models/<file> written by `java <class> <path>`.
function(tflm_java_model out_var given file class example cache_var)
  if(given)
    set(${out_var} ${given} PARENT_SCOPE)
    return()
  endif()
  set(model ${CMAKE_BINARY_DIR}/models/${file})
  set(target_dir ${PROJECT_SOURCE_DIR}/examples/target)
  string(REPLACE "." "/" class_file ${class})
  if(NOT EXISTS ${model})
    tflm_find_jdk(java)
    if(NOT java OR NOT EXISTS ${target_dir}/classes/${class_file}.class)
      message(FATAL_ERROR "${example} needs ${file}: build the Java examples first "
              "(mvn -B -DskipTests -pl examples -am package; needs a JDK 25+) "
              "or pass -D${cache_var}=<${file}>")
    endif()
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/models)
    execute_process(
      COMMAND ${java} -cp "${target_dir}/classes:${target_dir}/lib/*" ${class} ${model}
      RESULT_VARIABLE failed)
    if(failed)
      file(REMOVE ${model})
      message(FATAL_ERROR "generating ${file} with ${class} failed (${failed})")
    endif()
    message(STATUS "${example}: generated ${model}")
  endif()
  set(${out_var} ${model} PARENT_SCOPE)
endfunction()

function(tflm_sine_model out_var)
  tflm_java_model(model "${TFLM_SINE_MODEL}" sine_int8.tflite dev.tflm.examples.sine.SineModel
                  hello_world TFLM_SINE_MODEL)
  set(${out_var} ${model} PARENT_SCOPE)
endfunction()

function(tflm_custom_op_model out_var)
  tflm_java_model(model "${TFLM_CUSTOM_OP_MODEL}" custom_op.tflite
                  dev.tflm.examples.customop.CustomOpModel custom_op TFLM_CUSTOM_OP_MODEL)
  set(${out_var} ${model} PARENT_SCOPE)
endfunction()
