// Freezes the SDK ABI 1.0 layout on x86_64: a change here breaks every built plugin.
#include <ims/plugin.h>

#include <gtest/gtest.h>

#include <cstddef>

TEST(AbiLayout, VersionMacrosMatchTheBuild) {
    EXPECT_EQ(IMS_SDK_ABI_MAJOR, 1);
    EXPECT_EQ(IMS_SDK_ABI_MINOR, 0);
}

TEST(AbiLayout, PluginDescriptorIsFrozen) {
    EXPECT_EQ(offsetof(ims_plugin_v1, struct_size), 0u);
    EXPECT_EQ(offsetof(ims_plugin_v1, abi_major), 4u);
    EXPECT_EQ(offsetof(ims_plugin_v1, abi_minor), 6u);
    EXPECT_EQ(offsetof(ims_plugin_v1, id), 8u);
    EXPECT_EQ(offsetof(ims_plugin_v1, version), 24u);
    EXPECT_EQ(offsetof(ims_plugin_v1, checks), 40u);
    EXPECT_EQ(offsetof(ims_plugin_v1, check_count), 48u);
    EXPECT_EQ(sizeof(ims_plugin_v1), 56u);
}

TEST(AbiLayout, HostTableIsFrozen) {
    EXPECT_EQ(offsetof(ims_host_v1, struct_size), 0u);
    EXPECT_EQ(offsetof(ims_host_v1, abi_major), 4u);
    EXPECT_EQ(offsetof(ims_host_v1, abi_minor), 6u);
    EXPECT_EQ(offsetof(ims_host_v1, log), 8u);
    EXPECT_EQ(offsetof(ims_host_v1, set_error), 16u);
    EXPECT_EQ(offsetof(ims_host_v1, is_cancelled), 24u);
    EXPECT_EQ(offsetof(ims_host_v1, query), 32u);
    EXPECT_EQ(offsetof(ims_host_v1, emit_result), 40u);
    EXPECT_EQ(offsetof(ims_host_v1, param), 48u);
    EXPECT_EQ(sizeof(ims_host_v1), 56u);
}

TEST(AbiLayout, CheckResultAndParamAreFrozen) {
    EXPECT_EQ(sizeof(ims_str), 16u);
    EXPECT_EQ(offsetof(ims_check_v1, id), 8u);
    EXPECT_EQ(offsetof(ims_check_v1, run), 24u);
    EXPECT_EQ(sizeof(ims_check_v1), 32u);
    EXPECT_EQ(offsetof(ims_result_v1, status), 4u);
    EXPECT_EQ(offsetof(ims_result_v1, subject_type), 8u);
    EXPECT_EQ(offsetof(ims_result_v1, subject_id), 24u);
    EXPECT_EQ(offsetof(ims_result_v1, message), 40u);
    EXPECT_EQ(sizeof(ims_result_v1), 56u);
    EXPECT_EQ(offsetof(ims_param, value), 16u);
    EXPECT_EQ(sizeof(ims_param), 32u);
}
