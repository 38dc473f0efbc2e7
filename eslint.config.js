// Flat config; typed linting through the TypeScript 6 API (package alias "typescript").
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import jest from 'eslint-plugin-jest'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'lib/',
      'node_modules/',
      'src/dashboard/assets.generated.ts'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error'
    }
  },
  { files: ['__tests__/**'], ...jest.configs['flat/recommended'] },
  {
    // Tests read JSON they just produced (outputs, history files); typing every parse adds noise, not safety.
    files: ['__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off'
    }
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // The dashboard's own script runs in the browser, next to uPlot's.
    files: ['src/dashboard/assets/**/*.js'],
    languageOptions: {
      globals: { ...globals.browser, uPlot: 'readonly' },
      sourceType: 'script'
    }
  },
  prettier
)
