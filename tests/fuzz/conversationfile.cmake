# The conversation file's fuzz harness (issue 17): parse -> serialize -> parse, never a crash.
# Meant to be included from tests/fuzz/CMakeLists.txt when BW_FUZZ is on, in a build whose
# libraries are compiled with clang and -fsanitize=fuzzer-no-link,address,undefined:
#   include(${CMAKE_CURRENT_LIST_DIR}/conversationfile.cmake)
# Run: build/<preset>/tests/fuzz/fuzz_conversationfile -dict=tests/fuzz/conversationfile.dict
#      -max_len=65536 -rss_limit_mb=2048 -max_total_time=60 <scratch dir> tests/fuzz/corpus/conversationfile
add_executable(fuzz_conversationfile ${CMAKE_CURRENT_LIST_DIR}/fuzz_conversationfile.cpp)
target_link_libraries(fuzz_conversationfile PRIVATE breakwater-chat bw_warnings)
target_compile_options(fuzz_conversationfile PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_options(fuzz_conversationfile PRIVATE -fsanitize=fuzzer,address,undefined)
