package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Without the optional Jackson library, reading JSON rules says what is missing. */
class MissingJacksonTest {

  /** Loads core's classes afresh, in a loader that cannot see Jackson. */
  private static final class WithoutJackson extends URLClassLoader {
    WithoutJackson(URL... urls) {
      super(urls, ClassLoader.getSystemClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("com.fasterxml.")) {
        throw new ClassNotFoundException(name);
      }
      if (name.startsWith("dev.switchboard.")) {
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          if (c == null) {
            try {
              c = findClass(name);
            } catch (ClassNotFoundException e) {
              c = super.loadClass(name, false);
            }
          }
          return c;
        }
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void fromJson_withoutJackson_namesTheMissingLibrary_andTheBuilderAlternative()
      throws Exception {
    URL core = KeywordClassifier.class.getProtectionDomain().getCodeSource().getLocation();
    try (WithoutJackson loader = new WithoutJackson(core)) {
      Class<?> isolated = loader.loadClass(KeywordClassifier.class.getName());
      assertThat(isolated.getClassLoader()).isSameAs(loader);
      Method fromJson = isolated.getMethod("fromJson", String.class);
      Throwable thrown = null;
      try {
        fromJson.invoke(null, "{\"rules\": []}");
      } catch (InvocationTargetException e) {
        thrown = e.getCause();
      }
      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("jackson-databind (com.fasterxml.jackson.core:jackson-databind)")
          .hasMessageContaining("KeywordClassifier.builder()");
    }
  }
}
