# Third-party dependencies, all from Debian packages (see tools/setup.sh).
# Native: the packages' own CMake configs. WebAssembly: emcmake only searches the emscripten
# sysroot and must never see /usr/include (glibc headers break the build), so Eigen is found
# through its config file, nlohmann/json through a build-tree symlink, and yaml-cpp is built
# from Debian's source with emcmake.

find_package(Eigen3 3.3 REQUIRED NO_MODULE)

if(EMSCRIPTEN)
  set(LAB_NLOHMANN_INCLUDE "${CMAKE_BINARY_DIR}/third_party/include")
  file(MAKE_DIRECTORY "${LAB_NLOHMANN_INCLUDE}")
  if(NOT EXISTS "${LAB_NLOHMANN_INCLUDE}/nlohmann")
    file(CREATE_LINK /usr/include/nlohmann "${LAB_NLOHMANN_INCLUDE}/nlohmann" SYMBOLIC)
  endif()
  add_library(lab_nlohmann INTERFACE)
  target_include_directories(lab_nlohmann SYSTEM INTERFACE "${LAB_NLOHMANN_INCLUDE}")

  set(LAB_YAML_SOURCE "${PROJECT_SOURCE_DIR}/.deps/yaml-cpp" CACHE PATH "yaml-cpp source (tools/setup.sh)")
  if(NOT EXISTS "${LAB_YAML_SOURCE}/CMakeLists.txt")
    message(FATAL_ERROR "yaml-cpp source not found at ${LAB_YAML_SOURCE}: run tools/lab setup")
  endif()
  # C++ exceptions: WebAssembly's own exception handling (-fwasm-exceptions; Chromium, Firefox
  # and Safari 15+, Node 18+). Emscripten's JavaScript-based handling (-fexceptions) sends
  # every call that may throw through a JS invoke_* trampoline: 31 KB gzip more engine.wasm
  # and 2.3 KB more glue (docs/benchmarks.md, section 4).
  set(LAB_WASM_EH -fwasm-exceptions CACHE STRING "C++ exception handling of the wasm build")
  include(ExternalProject)
  set(LAB_YAML_PREFIX "${CMAKE_BINARY_DIR}/third_party/yaml-cpp")
  ExternalProject_Add(yaml_cpp_wasm
    SOURCE_DIR "${LAB_YAML_SOURCE}"
    PREFIX "${LAB_YAML_PREFIX}"
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}
      -DCMAKE_BUILD_TYPE=Release
      -DCMAKE_CXX_FLAGS=${LAB_WASM_EH}
      -DCMAKE_INSTALL_PREFIX=${LAB_YAML_PREFIX}/install
      -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF
      -DYAML_BUILD_SHARED_LIBS=OFF
    BUILD_BYPRODUCTS "${LAB_YAML_PREFIX}/install/lib/libyaml-cpp.a")
  file(MAKE_DIRECTORY "${LAB_YAML_PREFIX}/install/include")
  add_library(lab_yaml STATIC IMPORTED GLOBAL)
  set_target_properties(lab_yaml PROPERTIES
    IMPORTED_LOCATION "${LAB_YAML_PREFIX}/install/lib/libyaml-cpp.a"
    INTERFACE_INCLUDE_DIRECTORIES "${LAB_YAML_PREFIX}/install/include")
  add_dependencies(lab_yaml yaml_cpp_wasm)

  set(LAB_WASM_FLAGS ${LAB_WASM_EH} -msimd128)
  add_compile_options(${LAB_WASM_FLAGS})
  add_link_options(${LAB_WASM_EH})
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  find_package(yaml-cpp REQUIRED)
  add_library(lab_nlohmann INTERFACE)
  target_link_libraries(lab_nlohmann INTERFACE nlohmann_json::nlohmann_json)
  add_library(lab_yaml INTERFACE)
  if(TARGET yaml-cpp::yaml-cpp)
    target_link_libraries(lab_yaml INTERFACE yaml-cpp::yaml-cpp)
  else()
    target_link_libraries(lab_yaml INTERFACE yaml-cpp)
  endif()
endif()
