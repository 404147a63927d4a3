package org.tracknum.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the parcel service: {@code mvn -pl examples/spring-boot -am spring-boot:run} is not set up;
 * run this class, or see the README's Spring section.
 */
@SpringBootApplication
public class ParcelServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ParcelServiceApplication.class, args);
    }
}
