// html-validate's configuration for the browser test of every page type
// (src/almenhub/core/tests/test_validators.py). Its recommended rules, less
// two that judge source formatting rather than the document.
export default {
  extends: ["html-validate:recommended"],
  rules: {
    // Django templates indent their tags; the spaces left at line ends
    // change nothing a browser or reader sees.
    "no-trailing-whitespace": "off",
  },
};
