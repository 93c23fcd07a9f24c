#include <gtest/gtest.h>
TEST(Placeholder, Nothing) { EXPECT_TRUE(true); }
