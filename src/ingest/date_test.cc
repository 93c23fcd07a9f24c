#include <gtest/gtest.h>

#include "entente/reader.h"

namespace entente {
namespace {

struct DateCase {
  const char* in;
  const char* out;  // nullptr: must fail
};

class DateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateTest, Normalises) {
  const DateCase& c = GetParam();
  Result<std::string> r = NormalizeDate(c.in);
  if (c.out == nullptr) {
    EXPECT_FALSE(r.ok()) << c.in << " -> " << (r.ok() ? r.value() : "");
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Code::kParseError);
    }
  } else {
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
    EXPECT_EQ(r.value(), c.out) << c.in;
  }
}

const DateCase kDates[] = {
    {"20080804", "2008-08-04"},
    {"080804", "2008-08-04"},
    {"950101", "1995-01-01"},
    {"000101", "2000-01-01"},
    {"681231", "2068-12-31"},
    {"690101", "1969-01-01"},
    {"2008-08-04", "2008-08-04"},
    {"2008/8/4", "2008-08-04"},
    {"  2008-08-04 ", "2008-08-04"},
    {"Aug 4, 2008", "2008-08-04"},
    {"August 4 2008", "2008-08-04"},
    {"aug. 4, 2008", "2008-08-04"},
    {"Sept 30, 2008", "2008-09-30"},
    {"4 August 2008", "2008-08-04"},
    {"4th Aug 2008", "2008-08-04"},
    {"04-Aug-2008", "2008-08-04"},
    {"Monday, 4 August 2008", "2008-08-04"},
    {"2023-01-30T08:15:00Z", "2023-01-30T08:15:00Z"},
    {"2023-01-30T08:15Z", "2023-01-30T08:15:00Z"},
    {"2023-01-30 08:15:00", "2023-01-30T08:15:00"},
    {"2023-01-30T08:15:00.250+01:00", "2023-01-30T08:15:00.250+01:00"},
    {"2023-01-30T08:15:00-0500", "2023-01-30T08:15:00-05:00"},
    {"2023-01-30T08:15:00+00:00", "2023-01-30T08:15:00Z"},
    {"Mon, 30 Jan 2023 08:15:00 +0000", "2023-01-30T08:15:00Z"},
    {"Mon, 30 Jan 2023 08:15:00 GMT", "2023-01-30T08:15:00Z"},
    {"30 Jan 2023 08:15:00 -0800", "2023-01-30T08:15:00-08:00"},
    {"Tue, 31 Jan 2023 23:59 EST", "2023-01-31T23:59:00-05:00"},
    {"Jan 30, 2023 08:15:00", "2023-01-30T08:15:00"},
    {"20000229", "2000-02-29"},
    {"2024-02-29", "2024-02-29"},
    // Impossible or unreadable.
    {"2023-02-30", nullptr},
    {"1900-02-29", nullptr},
    {"20081304", nullptr},
    {"080832", nullptr},
    {"2023-01-30T25:00:00Z", nullptr},
    {"2023-01-30T08:61", nullptr},
    {"Feb 30, 2023", nullptr},
    {"yesterday", nullptr},
    {"", nullptr},
    {"2008", nullptr},
    {"1234567", nullptr},
    {"2008-08-04 garbage", nullptr},
    {"Foo 4, 2008", nullptr},
    {"2023-01-30T08:15:00+25:00", nullptr},
};

INSTANTIATE_TEST_SUITE_P(Table, DateTest, ::testing::ValuesIn(kDates));

}  // namespace
}  // namespace entente
