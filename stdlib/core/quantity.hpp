// The dimension-safe quantity types every solver is written in.
//
// Boost.Units system with exactly ten base units (make_system's limit): the three SI mechanical
// ones plus the ML-systems kinds that must never mix silently (ARCHITECTURE decision 2).
// All quantities store SI / coherent base-unit magnitudes: s, m, kg, byte, FLOP, USD, token, ...
#pragma once

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/unit.hpp>
#include <boost/units/cmath.hpp>
#include <boost/units/physical_dimensions/length.hpp>
#include <boost/units/physical_dimensions/mass.hpp>
#include <boost/units/physical_dimensions/time.hpp>
#include <boost/units/physical_dimensions/energy.hpp>
#include <boost/units/physical_dimensions/power.hpp>
#include <boost/units/physical_dimensions/volume.hpp>
#include <boost/units/dimension.hpp>
#include <boost/mpl/times.hpp>
#include <boost/mpl/divides.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/kilogram.hpp>
#include <boost/units/base_units/si/second.hpp>

namespace mls::q {
namespace bu = boost::units;

// --- custom base dimensions (ordinals > 0; SI ones are negative) -------------------------------
struct information_base_dimension : bu::base_dimension<information_base_dimension, 1> {};
struct compute_base_dimension : bu::base_dimension<compute_base_dimension, 2> {};
struct currency_base_dimension : bu::base_dimension<currency_base_dimension, 3> {};
struct token_base_dimension : bu::base_dimension<token_base_dimension, 4> {};
struct sample_base_dimension : bu::base_dimension<sample_base_dimension, 5> {};
struct parameter_base_dimension : bu::base_dimension<parameter_base_dimension, 6> {};
struct request_base_dimension : bu::base_dimension<request_base_dimension, 7> {};

// --- their base units ---------------------------------------------------------------------------
struct byte_base_unit : bu::base_unit<byte_base_unit, information_base_dimension::dimension_type, 1> {
  static const char* name() { return "byte"; }
  static const char* symbol() { return "B"; }
};
struct flop_base_unit : bu::base_unit<flop_base_unit, compute_base_dimension::dimension_type, 2> {
  static const char* name() { return "FLOP"; }
  static const char* symbol() { return "FLOP"; }
};
struct usd_base_unit : bu::base_unit<usd_base_unit, currency_base_dimension::dimension_type, 3> {
  static const char* name() { return "USD"; }
  static const char* symbol() { return "USD"; }
};
struct token_base_unit : bu::base_unit<token_base_unit, token_base_dimension::dimension_type, 4> {
  static const char* name() { return "token"; }
  static const char* symbol() { return "token"; }
};
struct sample_base_unit : bu::base_unit<sample_base_unit, sample_base_dimension::dimension_type, 5> {
  static const char* name() { return "sample"; }
  static const char* symbol() { return "sample"; }
};
struct parameter_base_unit : bu::base_unit<parameter_base_unit, parameter_base_dimension::dimension_type, 6> {
  static const char* name() { return "param"; }
  static const char* symbol() { return "param"; }
};
struct request_base_unit : bu::base_unit<request_base_unit, request_base_dimension::dimension_type, 7> {
  static const char* name() { return "request"; }
  static const char* symbol() { return "request"; }
};

using system = bu::make_system<bu::si::meter_base_unit, bu::si::kilogram_base_unit, bu::si::second_base_unit,
                               byte_base_unit, flop_base_unit, usd_base_unit, token_base_unit, sample_base_unit,
                               parameter_base_unit, request_base_unit>::type;

// --- dimensions ---------------------------------------------------------------------------------
using length_dim = bu::length_dimension;
using mass_dim = bu::mass_dimension;
using time_dim = bu::time_dimension;
using info_dim = information_base_dimension::dimension_type;
using compute_dim = compute_base_dimension::dimension_type;
using currency_dim = currency_base_dimension::dimension_type;
using token_dim = token_base_dimension::dimension_type;
using sample_dim = sample_base_dimension::dimension_type;
using param_dim = parameter_base_dimension::dimension_type;
using request_dim = request_base_dimension::dimension_type;

template <class D> using unit_of = bu::unit<D, system>;
template <class D> using Q = bu::quantity<unit_of<D>, double>;

template <class A, class B> using mul_dim = typename boost::mpl::times<A, B>::type;
template <class A, class B> using div_dim = typename boost::mpl::divides<A, B>::type;

// --- the quantity types solvers use (name = what it is, not how it is stored) -------------------
using Dimensionless = bu::quantity<bu::unit<bu::dimensionless_type, system>, double>;
using Time = Q<time_dim>;
using Length = Q<length_dim>;
using Mass = Q<mass_dim>;                                   // kg; carbon mass (kgCO2e) too
using Bytes = Q<info_dim>;
using Flops = Q<compute_dim>;                               // an amount of work [FLOP]
using Money = Q<currency_dim>;                              // USD
using Tokens = Q<token_dim>;
using Samples = Q<sample_dim>;
using Params = Q<param_dim>;
using Requests = Q<request_dim>;

using Frequency = Q<div_dim<bu::dimensionless_type, time_dim>>;  // 1/s
using Bandwidth = Q<div_dim<info_dim, time_dim>>;                 // byte/s
using FlopRate = Q<div_dim<compute_dim, time_dim>>;               // FLOP/s
using Intensity = Q<div_dim<compute_dim, info_dim>>;              // FLOP/byte
using BytesPerParam = Q<div_dim<info_dim, param_dim>>;            // byte/param
using FlopsPerParam = Q<div_dim<compute_dim, param_dim>>;
using TokenRate = Q<div_dim<token_dim, time_dim>>;
using TimePerToken = Q<div_dim<time_dim, token_dim>>;            // s/token: ITL, one decode step per output token
using SampleRate = Q<div_dim<sample_dim, time_dim>>;
using RequestRate = Q<div_dim<request_dim, time_dim>>;
using TokensPerSample = Q<div_dim<token_dim, sample_dim>>;
using TokensPerRequest = Q<div_dim<token_dim, request_dim>>;
using TokensPerParam = Q<div_dim<token_dim, param_dim>>;
using Energy = Q<bu::energy_dimension>;                           // J
using Power = Q<bu::power_dimension>;                             // W
using Volume = Q<bu::volume_dimension>;                           // m^3 (water)
using CarbonIntensity = Q<div_dim<mass_dim, bu::energy_dimension>>;   // kg/J
using WaterIntensity = Q<div_dim<bu::volume_dimension, bu::energy_dimension>>;  // m^3/J
using EnergyPrice = Q<div_dim<currency_dim, bu::energy_dimension>>;   // USD/J
using MoneyRate = Q<div_dim<currency_dim, time_dim>>;

// --- unit constants for writing literals: 2.0 * q::byte / q::param ------------------------------
inline constexpr auto seconds = unit_of<time_dim>{};
inline constexpr auto meter = unit_of<length_dim>{};
inline constexpr auto kilogram = unit_of<mass_dim>{};
inline constexpr auto byte = unit_of<info_dim>{};
inline constexpr auto flop = unit_of<compute_dim>{};
inline constexpr auto usd = unit_of<currency_dim>{};
inline constexpr auto token = unit_of<token_dim>{};
inline constexpr auto sample = unit_of<sample_dim>{};
inline constexpr auto param = unit_of<param_dim>{};
inline constexpr auto request = unit_of<request_dim>{};
inline constexpr auto joule = unit_of<bu::energy_dimension>{};
inline constexpr auto watt = unit_of<bu::power_dimension>{};
inline constexpr auto cubic_meter = unit_of<bu::volume_dimension>{};
inline constexpr auto one = bu::unit<bu::dimensionless_type, system>{};

// Exact magnitude in coherent base units (the solver boundary and tests use it).
template <class U> double si(const bu::quantity<U, double>& x) { return x.value(); }
template <class Qt> Qt from_si(double v) { return Qt::from_value(v); }

// Convenience: seconds per hour/day/year as used by MODELS §0.1.
inline constexpr double kSecondsPerHour = 3600.0;
inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kSecondsPerYear = 365.0 * 86400.0;
inline constexpr double kJoulesPerKWh = 3.6e6;

}  // namespace mls::q
