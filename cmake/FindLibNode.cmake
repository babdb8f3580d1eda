# Finds V8 10.2 as shipped by Debian's libnode108 + libnode-dev, either installed under /usr or
# unpacked by setup.sh into <source>/.deps/libnode (see setup.sh). Defines LibNode::LibNode.
#
# libnode is built without pointer compression and without the sandbox: we must not define
# V8_COMPRESS_POINTERS or V8_ENABLE_SANDBOX, or V8's configuration check fails at start-up.
set(_libnode_hints "${LIBNODE_ROOT}" "$ENV{LIBNODE_ROOT}" "${PROJECT_SOURCE_DIR}/.deps/libnode/usr")

find_path(LibNode_INCLUDE_DIR NAMES v8.h libplatform/libplatform.h
    HINTS ${_libnode_hints} PATH_SUFFIXES include/node NO_CMAKE_SYSTEM_PATH)
find_path(LibNode_INCLUDE_DIR NAMES v8.h PATH_SUFFIXES node)
# v8-inspector.h ships only in V8's own include folder of libnode-dev (not in include/node).
find_path(LibNode_INSPECTOR_INCLUDE_DIR NAMES v8-inspector.h
    HINTS ${_libnode_hints} PATH_SUFFIXES include/nodejs/deps/v8/include NO_CMAKE_SYSTEM_PATH)
find_path(LibNode_INSPECTOR_INCLUDE_DIR NAMES v8-inspector.h PATH_SUFFIXES nodejs/deps/v8/include)
find_library(LibNode_LIBRARY NAMES node libnode.so.108
    HINTS ${_libnode_hints} PATH_SUFFIXES lib/x86_64-linux-gnu lib NO_CMAKE_SYSTEM_PATH)
find_library(LibNode_LIBRARY NAMES node libnode.so.108)

if(LibNode_INCLUDE_DIR AND EXISTS "${LibNode_INCLUDE_DIR}/v8-version.h")
    file(STRINGS "${LibNode_INCLUDE_DIR}/v8-version.h" _v8_version_lines REGEX "#define V8_(MAJOR|MINOR)_VERSION")
    string(REGEX REPLACE ".*V8_MAJOR_VERSION ([0-9]+).*" "\\1" _major "${_v8_version_lines}")
    string(REGEX REPLACE ".*V8_MINOR_VERSION ([0-9]+).*" "\\1" _minor "${_v8_version_lines}")
    set(LibNode_V8_VERSION "${_major}.${_minor}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibNode
    REQUIRED_VARS LibNode_LIBRARY LibNode_INCLUDE_DIR LibNode_INSPECTOR_INCLUDE_DIR
    VERSION_VAR LibNode_V8_VERSION
    REASON_FAILURE_MESSAGE "run ./setup.sh deps (it installs libnode-dev or unpacks it into .deps/libnode)")

if(LibNode_FOUND AND NOT TARGET LibNode::LibNode)
    add_library(LibNode::LibNode SHARED IMPORTED)
    set_target_properties(LibNode::LibNode PROPERTIES
        IMPORTED_LOCATION "${LibNode_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${LibNode_INCLUDE_DIR};${LibNode_INSPECTOR_INCLUDE_DIR}"
        INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${LibNode_INCLUDE_DIR};${LibNode_INSPECTOR_INCLUDE_DIR}")
endif()
mark_as_advanced(LibNode_INCLUDE_DIR LibNode_INSPECTOR_INCLUDE_DIR LibNode_LIBRARY)
