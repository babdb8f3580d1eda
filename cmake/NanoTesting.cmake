# nano_add_qtest(NAME SOURCES... [LIBRARIES libs...]): a Qt Test executable in <build>/bin,
# registered with ctest under the offscreen platform. NANO_TEST_DATA_DIR is tests/data (which
# holds the WPT data too): tests need nothing outside the checkout.
function(nano_add_qtest name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
    add_executable(${name} ${ARG_SOURCES} ${ARG_UNPARSED_ARGUMENTS})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBRARIES})
    target_compile_definitions(${name} PRIVATE
        NANO_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    nano_set_warnings(${name})
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()

# nano_add_jstest(FILE): runs tests/js/FILE through nanojs; the test fails on a non-zero exit.
function(nano_add_jstest file)
    string(REGEX REPLACE "\\.test\\.js$|\\.js$" "" stem "${file}")
    add_test(NAME js_${stem} COMMAND nanojs run "${CMAKE_CURRENT_SOURCE_DIR}/${file}"
        WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
endfunction()

# nano_add_jstest_with_server(FILE [nanojs run options...]): runs tests/js/FILE through
# lib/with_server.sh, which starts `nanojs serve-test` and `nanojs serve-test --tls` on free
# ports and passes their URLs in --location (see tests/js/lib/servers.js).
function(nano_add_jstest_with_server file)
    string(REGEX REPLACE "\\.test\\.js$|\\.js$" "" stem "${file}")
    add_test(NAME js_${stem} COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/lib/with_server.sh"
        $<TARGET_FILE:nanojs> "${CMAKE_CURRENT_SOURCE_DIR}/${file}" ${ARGN}
        WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
endfunction()
