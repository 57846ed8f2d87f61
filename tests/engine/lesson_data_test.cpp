// The committed Titanic CSV the lesson widgets run on (widgets/data/README.md): its shape, so a
// regeneration by tools/make_titanic_csv.sh that changed it would be noticed.
#include <gtest/gtest.h>

#include <map>

#include "data/csv.hpp"
#include "test_support.hpp"

TEST(LessonData, TitanicCsvHas2207RowsAnd11Columns) {
  std::string text = lab::test::read_source("widgets/data/titanic.csv");
  ASSERT_FALSE(text.empty());
  lab::CsvTable t = lab::parse_csv(text, "titanic.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"name", "gender", "age", "class", "embarked", "country", "ticketno",
                                                "fare", "sibsp", "parch", "survived"}));
  EXPECT_EQ(t.rows(), 2207u);
  EXPECT_EQ(t.columns(), 11u);
}

TEST(LessonData, TitanicCsvCountsMatchTheReadme) {
  lab::CsvTable t = lab::parse_csv(lab::test::read_source("widgets/data/titanic.csv"), "titanic.csv");
  std::map<std::string, int> by_class;
  int survived = 0, passengers = 0, passengers_survived = 0, missing_fare = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    std::string cls(*t.cell(r, 3));
    ++by_class[cls];
    bool yes = *t.cell(r, 10) == "yes";
    survived += yes;
    if (cls == "1st" || cls == "2nd" || cls == "3rd") {
      ++passengers;
      passengers_survived += yes;
    }
    missing_fare += !t.cell(r, 7).has_value();
  }
  EXPECT_EQ(passengers, 1317);
  EXPECT_EQ(passengers_survived, 500);
  EXPECT_EQ(survived, 711);
  EXPECT_EQ(by_class["1st"], 324);
  EXPECT_EQ(by_class["victualling crew"], 431);
  EXPECT_EQ(missing_fare, 916);
  EXPECT_EQ(*t.cell(0, 0), "Abbing, Mr. Anthony");  // quoted name with a comma
}
