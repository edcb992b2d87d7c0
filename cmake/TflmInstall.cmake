# Included by the root CMakeLists.txt when TFLM_INSTALL is on: installs the
# static library (and the shared one when built), the public headers under
# include/tflm/, and the CMake package tflm, so that another project finds
# it with
#
#     find_package(tflm 0.1 REQUIRED)      # -DCMAKE_PREFIX_PATH=<install prefix>
#     target_link_libraries(app PRIVATE tflm::tflm)
#     tflm_add_model_array(app model_data model.tflite)
#
# The package (lib/cmake/tflm/): tflmConfig.cmake, tflmConfigVersion.cmake,
# the exported targets, and tflm_add_model_array (TflmModelArray.cmake with
# scripts/bin2c.cmake). The build tree is a package too (export()): point
# tflm_DIR at it to use a build without installing it.
#
# The library carries no CPU flags: a cross build takes them from the
# user's toolchain file (CMAKE_C_FLAGS), which the firmware linking the
# library must use as well. tflmConfig.cmake records them and refuses a
# project that compiles for another -mcpu, -mfpu or -mfloat-abi.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TFLM_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tflm)
set(TFLM_EXPORTED_TARGETS tflm)
if(TARGET tflm_shared)
  list(APPEND TFLM_EXPORTED_TARGETS tflm_shared)
endif()

install(TARGETS ${TFLM_EXPORTED_TARGETS} EXPORT tflmTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/native/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT tflmTargets NAMESPACE tflm:: DESTINATION ${TFLM_PACKAGE_DIR})

# The code-generation flags the library was compiled with, for the check in
# tflmConfig.cmake.
string(REGEX MATCHALL "-m(cpu|fpu|float-abi|arch)=[^ ]+" TFLM_TARGET_FLAGS "${CMAKE_C_FLAGS}")
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tflmConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tflmConfig.cmake INSTALL_DESTINATION ${TFLM_PACKAGE_DIR})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tflmConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tflmConfig.cmake ${PROJECT_BINARY_DIR}/tflmConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/TflmModelArray.cmake
        DESTINATION ${TFLM_PACKAGE_DIR})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/scripts/bin2c.cmake DESTINATION ${TFLM_PACKAGE_DIR}/scripts)

# The build tree as a package: the same config next to the exported targets,
# with TflmModelArray.cmake and its script copied beside them.
export(EXPORT tflmTargets NAMESPACE tflm:: FILE ${PROJECT_BINARY_DIR}/tflmTargets.cmake)
file(COPY ${CMAKE_CURRENT_LIST_DIR}/TflmModelArray.cmake DESTINATION ${PROJECT_BINARY_DIR})
file(COPY ${CMAKE_CURRENT_LIST_DIR}/scripts/bin2c.cmake DESTINATION ${PROJECT_BINARY_DIR}/scripts)
