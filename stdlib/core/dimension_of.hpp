// Derives a run-time Dimension from a Boost.Units quantity type at compile time, so the
// signatures the type checker sees come from the very C++ types the solvers are written in.
#pragma once

#include "stdlib/core/dimension.hpp"
#include "stdlib/core/quantity.hpp"

#include <boost/units/dim.hpp>
#include <boost/units/dimensionless_type.hpp>
#include <boost/units/static_rational.hpp>

namespace mls {

namespace detail {
template <class Base> struct base_index;
template <> struct base_index<boost::units::length_base_dimension> { static constexpr BaseDim v = BaseDim::Length; };
template <> struct base_index<boost::units::mass_base_dimension> { static constexpr BaseDim v = BaseDim::Mass; };
template <> struct base_index<boost::units::time_base_dimension> { static constexpr BaseDim v = BaseDim::Time; };
template <> struct base_index<q::information_base_dimension> { static constexpr BaseDim v = BaseDim::Information; };
template <> struct base_index<q::compute_base_dimension> { static constexpr BaseDim v = BaseDim::Compute; };
template <> struct base_index<q::currency_base_dimension> { static constexpr BaseDim v = BaseDim::Currency; };
template <> struct base_index<q::token_base_dimension> { static constexpr BaseDim v = BaseDim::Token; };
template <> struct base_index<q::sample_base_dimension> { static constexpr BaseDim v = BaseDim::Sample; };
template <> struct base_index<q::parameter_base_dimension> { static constexpr BaseDim v = BaseDim::Parameter; };
template <> struct base_index<q::request_base_dimension> { static constexpr BaseDim v = BaseDim::Request; };

template <class List> struct fold_dims;
template <> struct fold_dims<boost::units::dimensionless_type> {
  static void apply(Dimension&) {}
};
template <class Item, class Next> struct fold_dims<boost::units::list<Item, Next>> {
  static void apply(Dimension& d) {
    using tag = typename Item::tag_type;
    using exp = typename Item::value_type;
    d.exp[static_cast<int>(base_index<tag>::v)] = Rational(exp::Numerator, exp::Denominator);
    fold_dims<Next>::apply(d);
  }
};
}  // namespace detail

template <class Qt> Dimension dimension_of() {
  Dimension d;
  detail::fold_dims<typename Qt::unit_type::dimension_type>::apply(d);
  return d;
}

}  // namespace mls
