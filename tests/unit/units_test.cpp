// Dimension algebra, the unit table (prefixes, collisions, refusals) and quantity formatting.
#include <catch2/catch.hpp>

#include "compiler/units/unit_table.hpp"
#include "stdlib/core/dimension_of.hpp"

using namespace mls;
using units::UnitDecl;
using units::UnitTable;

namespace {
Dimension D(BaseDim b, int e = 1) { return Dimension::base(b, e); }

UnitTable table() {
  UnitTable t;
  t.define_dimension("Time", D(BaseDim::Time));
  t.define_dimension("Information", D(BaseDim::Information));
  t.define_dimension("Bandwidth", D(BaseDim::Information) / D(BaseDim::Time));
  t.define_dimension("ComputeRate", D(BaseDim::Compute) / D(BaseDim::Time));
  t.define_dimension("Intensity", D(BaseDim::Compute) / D(BaseDim::Information));
  UnitDecl s{"s", {"second"}, 1, D(BaseDim::Time), true, true, false, "second", "test"};
  REQUIRE_FALSE(t.define(s));
  UnitDecl b{"B", {"byte"}, 1, D(BaseDim::Information), true, false, true, "byte", "test"};
  REQUIRE_FALSE(t.define(b));
  UnitDecl bit{"bit", {}, 0.125, D(BaseDim::Information), true, false, true, "bit", "test"};
  REQUIRE_FALSE(t.define(bit));
  UnitDecl flop{"FLOP", {}, 1, D(BaseDim::Compute), true, false, false, "FLOP", "test"};
  REQUIRE_FALSE(t.define(flop));
  return t;
}
}  // namespace

TEST_CASE("rational exponents and dimension algebra") {
  Rational half(1, 2);
  CHECK((half + half) == Rational(1));
  CHECK((Rational(2, 4)) == half);
  CHECK((Rational(-3, -6)) == half);
  Dimension bw = D(BaseDim::Information) / D(BaseDim::Time);
  Dimension rate = D(BaseDim::Compute) / D(BaseDim::Time);
  CHECK((rate / bw) == D(BaseDim::Compute) / D(BaseDim::Information));
  CHECK(bw.base_form() == "Information / Time");
  CHECK((rate / bw).base_unit_form() == "FLOP/B");
  CHECK(D(BaseDim::Length, 2).pow(half) == D(BaseDim::Length));
  CHECK(D(BaseDim::Time).pow(Rational(1, 3)).base_form() == "Time^(1/3)");
  CHECK((bw * D(BaseDim::Time)).dimensionless() == false);
  CHECK((bw / bw).dimensionless());
}

TEST_CASE("Boost.Units types map to the same run-time dimensions") {
  CHECK(dimension_of<q::Bandwidth>() == D(BaseDim::Information) / D(BaseDim::Time));
  CHECK(dimension_of<q::Intensity>() == D(BaseDim::Compute) / D(BaseDim::Information));
  CHECK(dimension_of<q::Energy>() == D(BaseDim::Mass) * D(BaseDim::Length, 2) / D(BaseDim::Time, 2));
  CHECK(dimension_of<q::Dimensionless>().dimensionless());
}

TEST_CASE("prefixes expand and collide") {
  UnitTable t = table();
  REQUIRE(t.find("TB"));
  CHECK(t.find("TB")->scale == 1e12);
  CHECK(t.find("GiB")->scale == 1073741824.0);
  CHECK(t.find("Gbit")->scale == 1e9 / 8);
  CHECK(t.find("ms")->scale == Approx(1e-3));
  CHECK(t.find("µs")->scale == Approx(1e-6));
  CHECK(t.find("us")->scale == Approx(1e-6));
  CHECK_FALSE(t.find("mB"));  // no milli-bytes: large prefixes only
  // A unit whose prefixed form already exists is refused, and nothing of it is added.
  UnitDecl bad{"Bs", {}, 1, D(BaseDim::Information), true, false, false, "", "test"};
  UnitDecl clash{"s", {}, 1, D(BaseDim::Time), false, false, false, "", "test"};
  auto err = t.define(clash);
  REQUIRE(err);
  CHECK(err->find("`s` already means") != std::string::npos);
  UnitDecl pref{"iB", {}, 1, D(BaseDim::Information), false, false, true, "", "test"};
  (void)pref;
  UnitDecl mins{"in", {}, 1, D(BaseDim::Length), true, true, false, "", "test"};
  auto e2 = t.define(mins);  // "min" is free here, but "Tin"... none clash; the `m` prefix gives "min"
  CHECK_FALSE(e2);
  CHECK(t.find("min"));
  UnitDecl minute{"min", {}, 60, D(BaseDim::Time), false, false, false, "", "test"};
  auto e3 = t.define(minute);
  REQUIRE(e3);
  CHECK(e3->find("`m` + `in`") != std::string::npos);
  CHECK(t.find("min")->base == "in");
  (void)bad;
}

TEST_CASE("refused spellings name the right one") {
  UnitTable t = table();
  auto b = units::known_misspelling("b", t);
  REQUIRE(b);
  CHECK(b->code == "E0102");
  auto kb = units::known_misspelling("KB", t);
  REQUIRE(kb);
  CHECK(kb->help.find("kB") != std::string::npos);
  auto gb = units::known_misspelling("Gb", t);
  REQUIRE(gb);
  CHECK(gb->help.find("Gbit") != std::string::npos);
  auto tf = units::known_misspelling("TFLOPs", t);
  REQUIRE(tf);
  CHECK(tf->code == "E0105");
  CHECK_FALSE(units::known_misspelling("TB", t));
  CHECK(t.suggest("GiBB").front() == "GiB");
}

TEST_CASE("formatting picks a prefix within the family") {
  UnitTable t = table();
  auto disp = [&](const char* sym, const char* rest = "", double rest_scale = 1) {
    units::Display d;
    d.prefix_base = t.find(sym)->base;
    d.rest = rest;
    d.rest_scale = rest_scale;
    d.prefixes = t.find(sym)->prefixes;
    return d;
  };
  auto f = [](double si, const units::Display& d) {
    auto x = units::format(si, d);
    return x.number + " " + x.unit;
  };
  CHECK(f(3.35e12, disp("TB", "/s")) == "3.35 TB/s");
  CHECK(f(85899345920.0, disp("GiB")) == "80 GiB");     // IEC stays IEC
  CHECK(f(5e10, disp("Gbit", "/s", 0.125)) == "400 Gbit/s");  // bits stay bits
  CHECK(f(14e9, units::default_display(D(BaseDim::Information), t)) == "14 GB");
  CHECK(f(295.2238805970149, units::default_display(D(BaseDim::Compute) / D(BaseDim::Information), t)) == "295.2 FLOP/B");
  CHECK(f(1500, units::default_display(D(BaseDim::Time), t)) == "25 min");
  CHECK(f(0.004179, units::default_display(D(BaseDim::Time), t)) == "4.179 ms");
  units::Display fixed;
  fixed.fixed = true;
  fixed.text = "MWh";
  fixed.scale = 3.6e9;
  CHECK(f(1.8144e9, fixed) == "0.504 MWh");
  CHECK(units::format_number(NAN, 4) == "NaN");
  CHECK(units::format_number(INFINITY, 4) == "inf");
  CHECK(units::format_number(2.5e-7, 4) == "2.5e-07");
}
